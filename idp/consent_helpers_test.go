package idp_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp"
)

var consentRequest = regexp.MustCompile(`name="consent_request" value="([^"]+)"`)

// consentEnv is an env whose page mux carries the consent answer, with a
// third-party client the test account has not consented to yet.
func consentEnv(t *testing.T, e *env, mutate func(*idp.Client)) (*idp.Client, string) {
	e.p.MountPages(e.mux)
	c, secret := e.client(mutate)
	require.NoError(t, idp.NewConsentStore(e.db).Revoke(context.Background(), e.auth.subject, c.ID))
	return c, secret
}

// getPage fetches target with b, following redirects on our server.
func getPage(t *testing.T, b *http.Client, target string) (*http.Response, string) {
	resp, err := b.Get(target)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(body)
}

// answerConsent posts the consent page's form with the given decision and
// returns the redirect to the client.
func answerConsent(t *testing.T, e *env, b *http.Client, page, decision string) *url.URL {
	m := consentRequest.FindStringSubmatch(page)
	require.Len(t, m, 2, "no consent form on the page:\n%s", page)
	once := *b // the answer only: its redirect is looked at, not followed
	once.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := once.PostForm(e.srv.URL+"/oauth2/auth/consent", url.Values{
		"consent_request": {m[1]}, "entscheidung": {decision}})
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	loc, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	return loc
}
