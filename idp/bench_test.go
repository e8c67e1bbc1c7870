package idp_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// The two hot endpoints in process, over loopback HTTP, on SQLite (or
// PostgreSQL with MVNK_TEST_POSTGRES_URL set and -bench …/postgres).
// `mvnk bench` is the load test; these show a change's effect per request.

func BenchmarkClientCredentials(b *testing.B) {
	forEachDB(b, func(b *testing.B, e *env, c *idp.Client, secret string) {
		form := url.Values{"grant_type": {"client_credentials"}, "scope": {"lesen"}}.Encode()
		b.ReportAllocs()
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				post(b, e, "/oauth2/token", c.ID, secret, form)
			}
		})
	})
}

func BenchmarkIntrospect(b *testing.B) {
	forEachDB(b, func(b *testing.B, e *env, c *idp.Client, secret string) {
		tok := post(b, e, "/oauth2/token", c.ID, secret, url.Values{"grant_type": {"client_credentials"}, "scope": {"lesen"}}.Encode())
		_, token, ok := strings.Cut(tok, `"access_token":"`)
		require.True(b, ok, tok)
		token, _, _ = strings.Cut(token, `"`)
		form := url.Values{"token": {token}, "token_type_hint": {"access_token"}}.Encode()
		b.ReportAllocs()
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if body := post(b, e, "/oauth2/introspect", c.ID, secret, form); !strings.Contains(body, `"active":true`) {
					b.Errorf("inactive: %s", body)
					return
				}
			}
		})
	})
}

func forEachDB(b *testing.B, fn func(b *testing.B, e *env, c *idp.Client, secret string)) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		b.Run(d.String(), func(b *testing.B) {
			e := newEnv(b, storetest.Open(b, d, migrations...), idp.Config{})
			c, secret := e.client(func(c *idp.Client) {
				c.GrantTypes, c.RedirectURIs, c.Scopes = []string{idp.GrantClientCredentials}, nil, []string{"lesen"}
			})
			fn(b, e, c, secret)
		})
	}
}

// post reports a failure with b.Error: RunParallel's goroutines must not
// call b.Fatal.
func post(b *testing.B, e *env, path, id, secret, form string) string {
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+path, strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(id), url.QueryEscape(secret))
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		b.Error(err)
		return ""
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		b.Errorf("%s: %d %s %v", path, resp.StatusCode, body, err)
	}
	return string(body)
}
