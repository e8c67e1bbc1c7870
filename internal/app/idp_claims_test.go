package app_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/idp/account"
)

// A service registered with `mvnk client create --scope postfach` and
// granted the scope finds the account's own Postfach handle in the ID
// token and at UserInfo; the same login without the scope carries none.
func TestPostfachHandleClaimOfRealAccount(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	createAccount(t, vars, "erika", "erika@example.de")
	acct, err := account.NewStore(openDB(t, vars)).GetByLogin(context.Background(), "erika")
	require.NoError(t, err)
	require.NotEmpty(t, acct.PostfachHandle)
	require.NotEqual(t, acct.ID, acct.PostfachHandle)

	code, out, errOut := mvnk(t, vars, "client", "create", "--json", "--name", "Wohngeld", "--owner", "Landkreis Rostock",
		"--redirect-uri", redirectURI, "--grant-type", "authorization_code", "--scope", "openid", "--scope", "postfach")
	require.Equal(t, 0, code, errOut)
	c := clientJSON(t, out)
	require.Equal(t, []string{"openid", "postfach"}, c.Scopes)
	rp := newRelyingParty(t, n, vars)
	rp.cfg.ClientID, rp.cfg.ClientSecret = c.ID, c.Secret

	var claims struct {
		Handle *string `json:"postfach_handle"`
	}
	for _, tc := range []struct {
		scopes []string
		want   *string
	}{
		{[]string{oidc.ScopeOpenID, "postfach"}, &acct.PostfachHandle},
		{[]string{oidc.ScopeOpenID}, nil},
	} {
		rp.cfg.Scopes = tc.scopes
		claims.Handle = nil
		require.NoError(t, consentedLogin(t, n, rp, "erika").Claims(&claims))
		require.Equal(t, tc.want, claims.Handle, "ID token, scopes %v", tc.scopes)
		info, err := rp.provider.UserInfo(context.Background(), oauth2.StaticTokenSource(rp.lastToken))
		require.NoError(t, err)
		claims.Handle = nil
		require.NoError(t, info.Claims(&claims))
		require.Equal(t, tc.want, claims.Handle, "UserInfo, scopes %v", tc.scopes)
	}
}

var consentField = regexp.MustCompile(`name="consent_request" value="([^"]+)"`)

// consentedLogin logs in with the password at a third-party relying
// party and allows what the consent page asks, if it asks.
func consentedLogin(t *testing.T, n *node, rp *relyingParty, login string) *oidc.IDToken {
	t.Helper()
	b := browser(t)
	resp, page := rp.start(t, b, oidc.Nonce("n-postfach-7c1e"))
	require.Equal(t, "/anmelden", resp.Request.URL.Path)
	weiter := resp.Request.URL.Query().Get("weiter")
	resp, page = submit(t, b, n.url, "/anmelden", page, url.Values{"login": {login}, "password": {webPassword}, "weiter": {weiter}})
	if resp.StatusCode == http.StatusOK {
		m := consentField.FindStringSubmatch(page)
		require.Len(t, m, 2, "expected the consent page:\n%s", page)
		resp, _ = submit(t, b, n.url, "/oauth2/auth/consent", page,
			url.Values{"consent_request": {html.UnescapeString(m[1])}, "entscheidung": {"zulassen"}})
	}
	idt, _ := rp.idToken(t, resp)
	return idt
}
