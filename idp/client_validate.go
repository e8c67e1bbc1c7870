package idp

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// FieldError names one invalid field by its admin API name
// ("redirect_uris[1]") with a German message for the administrator.
type FieldError struct {
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

// ValidationError lists everything wrong with a client at once.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Detail
	}
	return "ungültiger Client: " + strings.Join(parts, "; ")
}

func (e *ValidationError) add(field, format string, args ...any) {
	e.Fields = append(e.Fields, FieldError{Field: field, Detail: fmt.Sprintf(format, args...)})
}

// Validate checks the client's registration as a whole. Call
// ApplyDefaults first; Validate changes nothing. The error is a
// *ValidationError.
func (c *Client) Validate() error {
	v := &ValidationError{}
	c.validateBasics(v)
	c.validateURIs(v)
	c.validateGrants(v)
	c.validateAuth(v)
	c.validateTokens(v)
	c.validateSubject(v)
	c.validatePostfachSenders(v)
	if len(v.Fields) == 0 {
		return nil
	}
	return v
}

func (c *Client) validateBasics(v *ValidationError) {
	if n := utf8.RuneCountInString(strings.TrimSpace(c.Name)); n == 0 || n > 200 {
		v.add("client_name", "ein Name (1 bis 200 Zeichen) ist nötig")
	}
	if utf8.RuneCountInString(c.Owner) > 200 {
		v.add("owner", "höchstens 200 Zeichen")
	}
	if utf8.RuneCountInString(c.Description) > 1000 {
		v.add("description", "höchstens 1000 Zeichen")
	}
	if c.MinTrustLevel < 0 || c.MinTrustLevel > MaxTrustLevel {
		v.add("min_trust_level", "muss zwischen 0 und %d liegen", MaxTrustLevel)
	}
	for i, s := range c.Scopes {
		if !validScopeToken(s) {
			v.add(fmt.Sprintf("scopes[%d]", i), "%q ist kein gültiger Scope (RFC 6749 §3.3)", s)
		}
	}
	checkUnique(v, "scopes", c.Scopes)
	checkUnique(v, "audience", c.Audience)
}

// validScopeToken: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ) (RFC 6749 §3.3).
func validScopeToken(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < 0x21 || r > 0x7e || r == '"' || r == '\\' {
			return false
		}
	}
	return true
}

func checkUnique(v *ValidationError, field string, list []string) {
	for i, s := range list {
		if slices.Index(list, s) != i {
			v.add(fmt.Sprintf("%s[%d]", field, i), "%q steht doppelt in der Liste", s)
		}
	}
}

func (c *Client) validateURIs(v *ValidationError) {
	for i, u := range c.RedirectURIs {
		if msg := checkRedirectURI(u, c.Public); msg != "" {
			v.add(fmt.Sprintf("redirect_uris[%d]", i), "%s", msg)
		}
	}
	checkUnique(v, "redirect_uris", c.RedirectURIs)
	for i, u := range c.PostLogoutRedirectURIs {
		if msg := checkRedirectURI(u, c.Public); msg != "" {
			v.add(fmt.Sprintf("post_logout_redirect_uris[%d]", i), "%s", msg)
		}
	}
	// RFC 7591 §2: policy_uri is a web page people read.
	if c.PolicyURI != "" {
		if msg := checkWebURI(c.PolicyURI, true); msg != "" {
			v.add("policy_uri", "%s", msg)
		}
	}
	// OIDC Back-Channel Logout 1.0 §2.2: absolute, no fragment.
	if c.BackchannelLogoutURI != "" {
		if msg := checkWebURI(c.BackchannelLogoutURI, true); msg != "" {
			v.add("backchannel_logout_uri", "%s", msg)
		}
	}
}
