package idp

import (
	"encoding/json"
	"slices"
)

// claimSet names the claims granted for one target (ID token or UserInfo).
// Only names are kept in the grant's session; values are read when the
// claims go out.
type claimSet struct {
	// Plain claims go out as they are, or inside verified_claims when the
	// attribute behind them is verified.
	Plain []string `json:"p,omitempty"`
	// Verified were asked for inside verified_claims only: they go out
	// only when verified (OIDC4IDA 1.0 §6).
	Verified []string `json:"v,omitempty"`
	// Sector: the sector identifiers go out too (claims_sector.go).
	Sector bool `json:"sec,omitempty"`
}

func (s claimSet) empty() bool { return len(s.Plain) == 0 && len(s.Verified) == 0 && !s.Sector }

// claimGrant is what the grant releases, stored in its Session.
type claimGrant struct {
	Userinfo claimSet `json:"ui"`
	IDToken  claimSet `json:"id"`
}

// claimsParam is the claims request parameter (OIDC Core §5.5).
type claimsParam struct {
	Userinfo map[string]json.RawMessage `json:"userinfo"`
	IDToken  map[string]json.RawMessage `json:"id_token"`
}

// grantClaims decides which claims a grant releases. Scope claims go to
// UserInfo only: every response type here issues an access token (OIDC
// Core §5.4 last paragraph puts them in the ID token only when none is
// issued). The ID token carries what the claims parameter asks of it
// (§5.5), and the claims of idTokenScopes. A third-party client gets a
// claim only if its scope was consented; a first-party client gets every
// claim it asks for.
func grantClaims(scopes []string, raw json.RawMessage, firstParty bool) claimGrant {
	allowed := func(name string) bool {
		scope := scopeOf(name)
		return scope != "" && (firstParty || slices.Contains(scopes, scope))
	}
	var g claimGrant
	for _, scope := range scopes {
		g.Userinfo.Plain = append(g.Userinfo.Plain, scopeClaims[scope]...)
		if slices.Contains(idTokenScopes, scope) {
			g.IDToken.Plain = append(g.IDToken.Plain, scopeClaims[scope]...)
		}
	}
	var param claimsParam
	if len(raw) > 0 && json.Unmarshal(raw, &param) != nil {
		return g // loginRequest checked it is JSON; another shape asks nothing
	}
	g.Userinfo = g.Userinfo.add(param.Userinfo, allowed)
	g.IDToken = g.IDToken.add(param.IDToken, allowed)
	return g
}

// add takes the members of one target of the claims parameter.
func (s claimSet) add(members map[string]json.RawMessage, allowed func(string) bool) claimSet {
	for name, spec := range members {
		if name == "verified_claims" {
			for _, v := range verifiedRequest(spec) {
				if allowed(v) && slices.Contains(verifiableClaims, v) && !slices.Contains(s.Verified, v) {
					s.Verified = append(s.Verified, v)
				}
			}
			continue
		}
		if allowed(name) && !slices.Contains(s.Plain, name) {
			s.Plain = append(s.Plain, name)
		}
	}
	slices.Sort(s.Plain)
	slices.Sort(s.Verified)
	return s
}

// verifiedRequest is one verified_claims request (OIDC4IDA 1.0 §6.1): an
// object or an array of them, each with verification and claims. The
// names of its claims are returned; a request whose trust_framework
// constraint excludes ours asks for nothing (§6.5: the OP leaves out what
// does not meet the constraints).
func verifiedRequest(spec json.RawMessage) []string {
	type request struct {
		Verification struct {
			TrustFramework *struct {
				Value  string   `json:"value"`
				Values []string `json:"values"`
			} `json:"trust_framework"`
		} `json:"verification"`
		Claims map[string]json.RawMessage `json:"claims"`
	}
	var list []request
	if json.Unmarshal(spec, &list) != nil {
		var one request
		if json.Unmarshal(spec, &one) != nil {
			return nil
		}
		list = []request{one}
	}
	var names []string
	for _, r := range list {
		if tf := r.Verification.TrustFramework; tf != nil && (tf.Value != "" || len(tf.Values) > 0) &&
			tf.Value != trustFramework && !slices.Contains(tf.Values, trustFramework) {
			continue
		}
		for name := range r.Claims {
			names = append(names, name)
		}
	}
	return names
}
