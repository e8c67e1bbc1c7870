package idp_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/eid/trust"
	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// trustAuthorize runs the front channel in browser b with the extra
// parameters and returns the client's answer; with a code, also the tokens.
func (e *env) trustAuthorize(b *http.Client, cfg *oauth2.Config, params map[string]string) (url.Values, *oauth2.Token) {
	v := oauth2.GenerateVerifier()
	opts := []oauth2.AuthCodeOption{oauth2.S256ChallengeOption(v)}
	for k, val := range params {
		opts = append(opts, oauth2.SetAuthURLParam(k, val))
	}
	q := e.authorize(b, cfg.AuthCodeURL("st4te-Xq9vLm2p", opts...)).Query()
	if q.Get("code") == "" {
		return q, nil
	}
	tok, err := cfg.Exchange(context.Background(), q.Get("code"), oauth2.VerifierOption(v))
	require.NoError(e.t, err)
	return q, tok
}

// acr_values in every vocabulary: the lowest known value is the minimum
// the login step is asked for, and the ID token names the achieved level
// (here substanziell) in the vocabulary of the first known value.
func TestACRValuesEveryVocabulary(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(nil)
		cfg := e.oauth2Config(c, secret)
		for _, tc := range []struct {
			acrValues, acr string
			min            trust.Level
		}{
			{"STORK-QAA-Level-3", "STORK-QAA-Level-3", trust.Substanziell},
			{"http://eidas.europa.eu/LoA/substantial", "http://eidas.europa.eu/LoA/substantial", trust.Substanziell},
			{"http://bsi.bund.de/eID/LoA/normal", "http://bsi.bund.de/eID/LoA/substantiell", trust.Basis},
			{"SUBSTANTIELL", "SUBSTANTIELL", trust.Substanziell},
			{"STORK-QAA-Level-3 STORK-QAA-Level-1", "STORK-QAA-Level-3", trust.Basis},
			{"urn:unbekannt http://eidas.europa.eu/LoA/low STORK-QAA-Level-3", "http://eidas.europa.eu/LoA/substantial", trust.Basis},
			{"urn:unbekannt", "STORK-QAA-Level-3", trust.None},
			{"", "STORK-QAA-Level-3", trust.None},
		} {
			q, tok := e.trustAuthorize(e.browser(), cfg, map[string]string{"acr_values": tc.acrValues})
			require.NotNil(t, tok, "%s: %v", tc.acrValues, q)
			require.Equal(t, tc.min, e.auth.last.Load().MinTrustLevel, tc.acrValues)
			require.Equal(t, tc.acr, idTokenClaims(t, tok)["acr"], tc.acrValues)
		}
	}, migrations...)
}

// A login below the requested level gets no code, whatever the login step
// answered: unmet_authentication_requirements. The client's registered
// floor is not lowered by a request for less.
func TestLevelBelowRequestIsUnmet(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		e.auth.acr = "STORK-QAA-Level-1" // a password login
		c, secret := e.client(func(c *idp.Client) { c.MinTrustLevel = 3 })
		cfg := e.oauth2Config(c, secret)
		q, tok := e.trustAuthorize(e.browser(), cfg, map[string]string{"acr_values": "STORK-QAA-Level-1"})
		require.Nil(t, tok)
		require.Equal(t, "unmet_authentication_requirements", q.Get("error"), q.Encode())
		require.Equal(t, "st4te-Xq9vLm2p", q.Get("state"))
		require.Equal(t, trust.Substanziell, e.auth.last.Load().MinTrustLevel, "the floor stays")

		plain, secret2 := e.client(nil)
		q, tok = e.trustAuthorize(e.browser(), e.oauth2Config(plain, secret2), map[string]string{"acr_values": "http://eidas.europa.eu/LoA/high"})
		require.Nil(t, tok)
		require.Equal(t, "unmet_authentication_requirements", q.Get("error"))

		e.auth.acr = "STORK-QAA-Level-4"
		_, tok = e.trustAuthorize(e.browser(), cfg, map[string]string{"acr_values": "STORK-QAA-Level-1"})
		require.NotNil(t, tok, "hoch satisfies the floor")
		require.Equal(t, "STORK-QAA-Level-4", idTokenClaims(t, tok)["acr"], "the achieved level, not the one asked")
	}, migrations...)
}

// An essential acr of the claims parameter (OIDC Core §5.5.1.1) raises the
// minimum; one whose values are all unknown fails before any login; a
// voluntary one asks nothing.
func TestEssentialACRClaim(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(nil)
		cfg := e.oauth2Config(c, secret)
		ask := func(essential bool, values string) (url.Values, *oauth2.Token) {
			claims := `{"id_token":{"acr":{"essential":` + map[bool]string{true: "true", false: "false"}[essential] +
				`,"values":[` + values + `]}}}`
			return e.trustAuthorize(e.browser(), cfg, map[string]string{"claims": claims})
		}
		q, tok := ask(true, `"http://eidas.europa.eu/LoA/high"`)
		require.Nil(t, tok)
		require.Equal(t, "unmet_authentication_requirements", q.Get("error"))
		require.Equal(t, trust.Hoch, e.auth.last.Load().MinTrustLevel)

		_, tok = ask(true, `"http://eidas.europa.eu/LoA/low","http://eidas.europa.eu/LoA/high"`)
		require.NotNil(t, tok, "low is listed: substanziell is enough")
		require.Equal(t, "http://eidas.europa.eu/LoA/substantial", idTokenClaims(t, tok)["acr"])

		_, tok = ask(false, `"http://eidas.europa.eu/LoA/high"`)
		require.NotNil(t, tok, "a voluntary acr asks nothing")

		logins := e.auth.logins.Load()
		q, tok = ask(true, `"urn:unbekannt"`)
		require.Nil(t, tok)
		require.Equal(t, "unmet_authentication_requirements", q.Get("error"))
		require.Equal(t, logins, e.auth.logins.Load(), "refused before any login")
	}, migrations...)
}

// prompt=none with a session below the level: login_required straight
// back to the client, no page in between (OIDC Core §3.1.2.6).
func TestPromptNoneBelowLevel(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(nil)
		cfg := e.oauth2Config(c, secret)
		b := e.browser()
		_, tok := e.trustAuthorize(b, cfg, nil)
		require.NotNil(t, tok, "logged in at substanziell")

		b.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		resp, err := b.Get(cfg.AuthCodeURL("st4te-Xq9vLm2p", oauth2.S256ChallengeOption(oauth2.GenerateVerifier()),
			oauth2.SetAuthURLParam("prompt", "none"), oauth2.SetAuthURLParam("acr_values", "STORK-QAA-Level-4")))
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		loc, err := url.Parse(resp.Header.Get("Location"))
		require.NoError(t, err)
		require.True(t, strings.HasPrefix(loc.String(), rpRedirect), loc.String())
		require.Equal(t, "login_required", loc.Query().Get("error"))
	}, migrations...)
}

// Discovery names the STORK and eIDAS families (egov-standards §1.4).
func TestDiscoveryACRValues(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		var md struct {
			ACR []string `json:"acr_values_supported"`
		}
		resp, err := http.Get(e.srv.URL + "/.well-known/openid-configuration")
		require.NoError(t, err)
		defer resp.Body.Close()
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&md))
		require.Equal(t, trust.Supported(), md.ACR)
		require.Contains(t, md.ACR, "STORK-QAA-Level-4")
		require.Contains(t, md.ACR, "http://eidas.europa.eu/LoA/high")
	}, migrations...)
}
