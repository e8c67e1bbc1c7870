package e2e

import (
	"context"
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

//go:embed js/csp-watch.js
var cspWatchJS string

// entry is one console message, uncaught exception or browser log entry.
type entry struct {
	level  string // "error", "warning", …
	source string // "javascript", "network", "security", …
	text   string
	url    string
}

func (e entry) String() string {
	return strings.TrimSpace(fmt.Sprintf("%s %s: %s %s", e.source, e.level, e.text, e.url))
}

// pageLog collects what a tab logs. listen runs in the tab's event loop,
// in order, so after any command's reply it holds every earlier event.
type pageLog struct {
	mu      sync.Mutex
	entries []entry
}

func (l *pageLog) listen(ev any) {
	var e entry
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		e = entry{level: consoleLevel(string(ev.Type)), source: "console." + string(ev.Type), text: argsText(ev.Args)}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		e = entry{level: "error", source: "exception", text: exceptionText(d), url: d.URL}
	case *log.EventEntryAdded:
		en := ev.Entry
		e = entry{level: string(en.Level), source: string(en.Source), text: en.Text, url: en.URL}
	default:
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, e)
}

func (l *pageLog) snapshot() []entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]entry(nil), l.entries...)
}

func consoleLevel(typ string) string {
	switch typ {
	case "error", "assert":
		return "error"
	case "warning":
		return "warning"
	}
	return "info"
}

func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		if a.Description != "" {
			parts = append(parts, a.Description)
		} else {
			parts = append(parts, strings.Trim(string(a.Value), `"`))
		}
	}
	return strings.Join(parts, " ")
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception != nil && d.Exception.Description != "" {
		return d.Text + " " + strings.SplitN(d.Exception.Description, "\n", 2)[0]
	}
	return d.Text
}

// watchCSP installs csp-watch.js for every document the tab loads.
func watchCSP() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument,
			page.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatchJS})
		return err
	})
}

// cspViolations reads what csp-watch.js recorded in the current document.
func cspViolations() chromedp.Action[[]string] {
	return chromedp.Evaluate[[]string](`window.__mvnkCSPViolations`)
}
