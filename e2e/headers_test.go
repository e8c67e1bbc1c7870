package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// safeReferrerPolicies send no path to other origins.
var safeReferrerPolicies = []string{"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}

func requireSecurityHeaders(t *testing.T, h http.Header, https bool) {
	t.Helper()
	require.Empty(t, strings.Join(headerProblems(h, https), "\n"), "security headers")
}

// headerProblems checks the headers every response carries: a strict
// CSP, no sniffing, a referrer policy, and HSTS exactly when the public
// URL is https.
func headerProblems(h http.Header, https bool) []string {
	p := cspProblems(h.Values("Content-Security-Policy"))
	if v := h.Get("X-Content-Type-Options"); v != "nosniff" {
		p = append(p, fmt.Sprintf("X-Content-Type-Options is %q, want nosniff", v))
	}
	if v := h.Get("Referrer-Policy"); !slices.Contains(safeReferrerPolicies, v) {
		p = append(p, fmt.Sprintf("Referrer-Policy is %q, want one of %v", v, safeReferrerPolicies))
	}
	hsts := h.Get("Strict-Transport-Security")
	age, _ := strings.CutPrefix(strings.Split(hsts, ";")[0], "max-age=")
	switch n, err := strconv.Atoi(age); {
	case !https && hsts != "":
		p = append(p, "HSTS is set, but the public URL is http")
	case https && (err != nil || n < 31536000):
		p = append(p, fmt.Sprintf("HSTS is %q, want max-age of at least a year", hsts))
	}
	return p
}

func cspProblems(values []string) []string {
	if len(values) != 1 {
		return []string{fmt.Sprintf("want one Content-Security-Policy header, got %d", len(values))}
	}
	csp := parseCSP(values[0])
	var p []string
	if !slices.Equal(csp["frame-ancestors"], []string{"'none'"}) {
		p = append(p, "CSP lacks frame-ancestors 'none'")
	}
	if csp["script-src"] == nil && csp["default-src"] == nil {
		p = append(p, "CSP restricts no scripts (no script-src, no default-src)")
	}
	for directive, sources := range csp {
		for _, s := range sources {
			if strings.Contains(s, "unsafe-") {
				p = append(p, fmt.Sprintf("CSP %s allows %s", directive, s))
			}
		}
	}
	return p
}

// parseCSP splits a policy into its directives (CSP3 §2.2.1).
func parseCSP(policy string) map[string][]string {
	out := map[string][]string{}
	for d := range strings.SplitSeq(policy, ";") {
		if f := strings.Fields(d); len(f) > 0 {
			out[strings.ToLower(f[0])] = append([]string{}, f[1:]...)
		}
	}
	return out
}

// Pages, protocol endpoints and errors all carry the headers, and HSTS
// appears only when the public URL is https.
func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	paths := []string{"/", "/healthz", "/readyz", "/.well-known/jwks.json", "/metrics", notFoundPath}
	for _, base := range []string{"http://localhost", "https://mvnk.test"} {
		h := openApp(t, base).Handler()
		for _, path := range paths {
			t.Run(base+path, func(t *testing.T) {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, base+path, nil))
				require.Contains(t, []int{http.StatusOK, http.StatusNotFound}, rec.Code)
				requireSecurityHeaders(t, rec.Result().Header, strings.HasPrefix(base, "https:"))
			})
		}
	}
}
