package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func goodHeaders() http.Header {
	return http.Header{
		"Content-Security-Policy": {"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"},
		"X-Content-Type-Options":  {"nosniff"},
		"Referrer-Policy":         {"same-origin"},
	}
}

// The header check catches each missing or weakened header.
func TestHeaderProblems(t *testing.T) {
	require.Empty(t, headerProblems(goodHeaders(), false))
	https := goodHeaders()
	https.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
	require.Empty(t, headerProblems(https, true))

	cases := []struct {
		name, header, value string
		https               bool
		want                string
	}{
		{"no CSP", "Content-Security-Policy", "", false, "want one Content-Security-Policy header, got 0"},
		{"unsafe-inline", "Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'", false, "style-src allows 'unsafe-inline'"},
		{"unsafe-eval", "Content-Security-Policy", "script-src 'self' 'unsafe-eval'; frame-ancestors 'none'", false, "script-src allows 'unsafe-eval'"},
		{"framing allowed", "Content-Security-Policy", "default-src 'self'; frame-ancestors 'self'", false, "frame-ancestors 'none'"},
		{"scripts open", "Content-Security-Policy", "img-src 'self'; frame-ancestors 'none'", false, "restricts no scripts"},
		{"sniffing", "X-Content-Type-Options", "", false, "X-Content-Type-Options"},
		{"referrer leaks", "Referrer-Policy", "unsafe-url", false, "Referrer-Policy"},
		{"HSTS over http", "Strict-Transport-Security", "max-age=31536000", false, "public URL is http"},
		{"no HSTS over https", "Strict-Transport-Security", "", true, "want max-age"},
		{"short HSTS", "Strict-Transport-Security", "max-age=300", true, "want max-age"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := goodHeaders()
			h.Del(tc.header)
			if tc.value != "" {
				h.Set(tc.header, tc.value)
			}
			require.Contains(t, strings.Join(headerProblems(h, tc.https), "\n"), tc.want)
		})
	}
}
