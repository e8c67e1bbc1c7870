package e2e

import (
	"bytes"
	"io"
	"maps"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// client is a plain HTTP client for one page: it keeps cookies (the
// session that holds the CSRF token), asks for the page's language and
// follows no redirect, as a page must answer itself.
type client struct {
	t    *testing.T
	srv  *httptest.Server
	http *http.Client
	lang string
}

func newClient(t *testing.T, srv *httptest.Server, lang string) *client {
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	c := *srv.Client()
	c.Jar = jar
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &client{t: t, srv: srv, http: &c, lang: lang}
}

// open returns the page's response and body: a GET, or for a page with
// a Form, the answer to POSTing it.
func (c *client) open(p Page) (*http.Response, []byte) {
	resp, body := c.do(http.MethodGet, p.path(c.srv.URL), "")
	if p.Form == nil {
		return resp, body
	}
	form := maps.Clone(p.Form)
	form.Set("csrf_token", csrfToken(body))
	return c.do(http.MethodPost, p.path(c.srv.URL), form.Encode())
}

func (c *client) do(method, path, form string) (*http.Response, []byte) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.srv.URL+path, strings.NewReader(form))
	require.NoError(c.t, err)
	req.Header.Set("Accept-Language", c.lang)
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.http.Do(req)
	require.NoError(c.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(c.t, err)
	return resp, body
}

// csrfToken returns the value of the first csrf_token field in page.
func csrfToken(page []byte) string {
	z := html.NewTokenizer(bytes.NewReader(page))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		t := z.Token()
		if t.Data == "input" && attr(t, "name") == "csrf_token" {
			return attr(t, "value")
		}
	}
	return ""
}

func attr(t html.Token, key string) string {
	for _, a := range t.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
