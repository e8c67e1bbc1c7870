package idp

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// The postfach scope releases postfach_handle in the ID token and at
// UserInfo, plain (never in verified_claims); without the scope a third
// party gets it from neither, not even through the claims parameter.
func TestPostfachScopeClaim(t *testing.T) {
	d := testData()
	d.PostfachHandle = "6f1c1d1e-2b0a-4c43-9a4f-6c2f0b5b8e11"

	g := grantClaims([]string{"openid", "postfach"}, nil, false)
	require.Equal(t, []string{"postfach_handle"}, g.IDToken.Plain)
	require.Equal(t, []string{"postfach_handle"}, g.Userinfo.Plain)
	require.Equal(t, map[string]any{"postfach_handle": d.PostfachHandle}, buildClaims(d, g.IDToken))

	param := json.RawMessage(`{"id_token": {"postfach_handle": {"essential": true}},
		"userinfo": {"verified_claims": {"verification": {"trust_framework": null}, "claims": {"postfach_handle": null}}}}`)
	without := grantClaims([]string{"openid", "email"}, param, false)
	require.NotContains(t, without.IDToken.Plain, "postfach_handle", "scope not consented")
	require.NotContains(t, buildClaims(d, without.Userinfo), "postfach_handle")

	with := grantClaims([]string{"openid", "postfach"}, param, false)
	require.Equal(t, []string{"postfach_handle"}, with.IDToken.Plain, "asked twice, named once")
	require.Empty(t, with.Userinfo.Verified, "the handle is no verified claim")

	d.PostfachHandle = ""
	require.Empty(t, buildClaims(d, g.IDToken), "no handle, no claim")
	require.True(t, KnownClaim("postfach_handle"))
}

// The claims parameter selects postfach_handle like any other claim: a
// first party gets it for UserInfo without asking for the scope.
func TestPostfachClaimSelectedByClaimsParameter(t *testing.T) {
	d := testData()
	d.PostfachHandle = "0b7e2f7c-7d55-4f0a-8d52-3f6f0b3a9a01"
	g := grantClaims([]string{"openid"}, json.RawMessage(`{"userinfo": {"postfach_handle": null}}`), true)
	require.Equal(t, []string{"postfach_handle"}, g.Userinfo.Plain)
	require.True(t, g.IDToken.empty())
	require.Equal(t, d.PostfachHandle, buildClaims(d, g.Userinfo)["postfach_handle"])
}
