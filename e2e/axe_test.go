package e2e

import (
	"context"
	_ "embed"
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"
)

// axe-core is vendored in axe/ (MPL-2.0; refresh with axe/refresh.sh).
var (
	//go:embed axe/axe.min.js
	axeSource string
	//go:embed axe/VERSION
	axeVersion string
	//go:embed js/axe-run.js
	axeRunJS string
)

type axeResults struct {
	Violations []axeRule `json:"violations"`
	Incomplete []axeRule `json:"incomplete"`
}

type axeRule struct {
	ID      string    `json:"id"`
	Impact  string    `json:"impact"`
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Nodes   []axeNode `json:"nodes"`
}

type axeNode struct {
	Target  []string `json:"target"`
	Summary string   `json:"summary"`
}

// runAxe injects axe-core through DevTools (Runtime.evaluate is not
// subject to the page's CSP, so no 'unsafe-eval' is needed) and runs it.
func runAxe(ctx context.Context) (axeResults, error) {
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axeSource+"\n;undefined")); err != nil {
		return axeResults{}, fmt.Errorf("inject axe-core: %w", err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResults](axeRunJS, chromedp.EvalAwaitPromise))
	if err != nil {
		return axeResults{}, fmt.Errorf("run axe-core: %w", err)
	}
	return res, nil
}

// formatRules lists each rule with its impact, help and the nodes it hit.
func formatRules(rules []axeRule) string {
	var b strings.Builder
	for _, r := range rules {
		fmt.Fprintf(&b, "\n- %s (%s): %s\n  %s", r.ID, r.Impact, r.Help, r.HelpURL)
		for _, n := range r.Nodes {
			fmt.Fprintf(&b, "\n  * %s", strings.Join(n.Target, ", "))
			if n.Summary != "" {
				fmt.Fprintf(&b, "\n    %s", strings.ReplaceAll(n.Summary, "\n", "\n    "))
			}
		}
	}
	return b.String()
}
