package idp

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var proven = time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)

func testData() *ClaimData {
	self := func(v string) ClaimAttribute { return ClaimAttribute{Value: v, Source: "self", Level: 1} }
	eid := func(v string) ClaimAttribute {
		return ClaimAttribute{Value: v, Source: "eid", Level: 4, VerifiedAt: proven}
	}
	return &ClaimData{Username: "erika", Email: "erika@example.de", EmailVerified: true,
		Attributes: map[string]ClaimAttribute{
			"given_name": eid("Erika"), "family_name": eid("Mustermann"), "birthdate": eid("1964-08-12"),
			"salutation": self("Frau"), "title": self("Dr."), "street_address": self("Am Strand 1"),
			"postal_code": self("18055"), "locality": self("Rostock"), "phone_number": self("+49 381 123"),
		}}
}

// Scope claims go to UserInfo only, never to the ID token, since every
// flow here issues an access token (OIDC Core §5.4); a third party gets
// claims of consented scopes only.
func TestGrantClaimsByScope(t *testing.T) {
	g := grantClaims([]string{"openid", "email", "address"}, nil, false)
	require.ElementsMatch(t, []string{"email", "email_verified", "address"}, g.Userinfo.Plain)
	require.True(t, g.IDToken.empty())

	out := buildClaims(testData(), g.Userinfo)
	require.Equal(t, map[string]any{"email": "erika@example.de", "email_verified": true,
		"address": map[string]string{"street_address": "Am Strand 1", "postal_code": "18055", "locality": "Rostock"}}, out)
}

// profile: self-declared attributes go out plain, eID-proven ones inside
// verified_claims with eidas, the assurance level, time and evidence
// (OIDC4IDA 1.0 §5); name is built from the proven parts.
func TestVerifiedClaimsShape(t *testing.T) {
	out := buildClaims(testData(), grantClaims([]string{"openid", "profile"}, nil, false).Userinfo)
	require.Equal(t, "Frau", out["salutation"])
	require.Equal(t, "Dr.", out["title"])
	require.Equal(t, "erika", out["preferred_username"])
	require.NotContains(t, out, "given_name", "a verified claim is not also plain")
	raw, err := json.Marshal(out["verified_claims"])
	require.NoError(t, err)
	require.JSONEq(t, `{"verification": {"trust_framework": "eidas", "assurance_level": "high",
		"time": "2026-03-01T09:30:00Z", "evidence": [{"type": "document",
		"check_details": [{"check_method": "vcrypt"}], "document_details": {"type": "idcard"}}]},
		"claims": {"given_name": "Erika", "family_name": "Mustermann", "name": "Erika Mustermann",
		"birthdate": "1964-08-12"}}`, string(raw))
}

// The claims parameter (OIDC Core §5.5) selects single claims for the ID
// token and UserInfo; a third party gets none outside its consented
// scopes, a first party every one it asks for; a verified_claims request
// is answered with verified claims only, and not at all for another trust
// framework (OIDC4IDA 1.0 §6).
func TestClaimsParameter(t *testing.T) {
	param := json.RawMessage(`{"id_token": {"email": {"essential": true}, "phone_number": null,
		"verified_claims": {"verification": {"trust_framework": null}, "claims": {"given_name": null, "title": null}}},
		"userinfo": {"verified_claims": {"verification": {"trust_framework": {"value": "de_aml"}},
		"claims": {"family_name": null}}}}`)
	third := grantClaims([]string{"openid", "email", "profile"}, param, false)
	require.Equal(t, []string{"email"}, third.IDToken.Plain, "phone not consented")
	require.Equal(t, []string{"given_name", "title"}, third.IDToken.Verified)
	require.NotContains(t, third.Userinfo.Verified, "family_name", "another trust framework")

	out := buildClaims(testData(), third.IDToken)
	require.Equal(t, "erika@example.de", out["email"])
	require.NotContains(t, out, "title", "asked as verified, but only self-declared")
	vc := out["verified_claims"].(map[string]any)
	require.Equal(t, map[string]any{"given_name": "Erika"}, vc["claims"])

	first := grantClaims([]string{"openid"}, param, true)
	require.ElementsMatch(t, []string{"email", "phone_number"}, first.IDToken.Plain)
	require.Equal(t, "+49 381 123", buildClaims(testData(), first.IDToken)["phone_number"])
}

// A stored consent covers a request for the same or fewer scopes only.
func TestConsentCovers(t *testing.T) {
	stored := []string{"openid", "profile", "email"}
	require.True(t, covers(stored, []string{"openid", "profile"}))
	require.True(t, covers(stored, stored))
	require.False(t, covers(stored, []string{"openid", "address"}))
	require.Equal(t, []string{"openid", "profile", "email", "address"}, union(stored, []string{"address", "openid"}))
}
