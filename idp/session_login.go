package idp

// loginClaims tell how the user behind a grant logged in: acr (the level
// as the client asked for it), amr and auth_time, as in the ID token.
// Empty for a grant without a user (client credentials).
func (s *Session) loginClaims() map[string]any {
	out := map[string]any{}
	if s == nil || s.DefaultSession == nil || s.DefaultSession.Claims == nil {
		return out
	}
	c := s.DefaultSession.Claims
	if c.AuthenticationContextClassReference != "" {
		out["acr"] = c.AuthenticationContextClassReference
	}
	if len(c.AuthenticationMethodsReferences) > 0 {
		out["amr"] = c.AuthenticationMethodsReferences
	}
	if !c.AuthTime.IsZero() {
		out["auth_time"] = c.AuthTime.Unix()
	}
	return out
}

// GetExtraClaims are the members fosite adds to an introspection response
// (fosite.ExtraClaimsSession): the login claims, so a resource server can
// check the trust level (RFC 7662 §2.2 allows further members; RFC 9068
// §2.2.1 names acr, amr and auth_time for access tokens).
func (s *Session) GetExtraClaims() map[string]any { return s.loginClaims() }
