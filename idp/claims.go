package idp

import (
	"context"
	"slices"
	"time"

	"mvnk/idp/account"
)

// ClaimSource reads an account's data for the claims of ID tokens and
// UserInfo. idp never reads the account tables itself: internal/app
// implements this on the account store. An unknown account is
// store.ErrNotFound.
type ClaimSource interface {
	ClaimData(ctx context.Context, accountID string) (*ClaimData, error)
}

// ClaimData is an account as claims see it.
type ClaimData struct {
	Username      string
	Email         string
	EmailVerified bool
	// PostfachHandle addresses the account's Postfach (a random UUID,
	// never the account id); released as postfach_handle.
	PostfachHandle string
	// Attributes by claim name (the names of idp/account/attrnames.go).
	Attributes map[string]ClaimAttribute
}

// ClaimAttribute is one stored attribute with where it came from and the
// trust level it was proven at (1 self-declared … 4 hoch).
type ClaimAttribute struct {
	Value      string
	Source     string // "self", "eid", …
	Level      int
	VerifiedAt time.Time // when it was stored at that level
}

// levelVerified is the trust level from which an attribute counts as
// verified and goes out in verified_claims (Vertrauensniveau substanziell,
// egov-standards §1.1); below it, it is self-declared.
const levelVerified = 3

// scopeClaims are the claims each scope asks for (OIDC Core §5.4), with
// the German set of egov-standards §2.4 in profile.
// Attribute names are the claim names (account/attrnames.go).
var scopeClaims = map[string][]string{
	"profile": {account.AttrGivenName, account.AttrFamilyName, "name", "preferred_username",
		account.AttrBirthdate, account.AttrSalutation, account.AttrBirthName, account.AttrPlaceOfBirth,
		account.AttrTitle, account.AttrArtisticName, account.AttrNationality},
	"email":   {"email", "email_verified"},
	"address": {"address"},
	"phone":   {account.AttrPhoneNumber},
	// The address of the account's Postfach, for services that send
	// Nachrichten and Bescheide there (postfach/). One handle per
	// account: every service granted this scope learns the same one.
	"postfach": {claimPostfachHandle},
}

const claimPostfachHandle = "postfach_handle"

// idTokenScopes release their claims in the ID token as well as at
// UserInfo. OIDC Core §5.4 keeps the claims of its own scopes to UserInfo
// when an access token is issued; postfach is this provider's scope, and
// its one claim is an address a service needs at login, like sub.
var idTokenScopes = []string{"postfach"}

// addressMembers are the members of the address claim (OIDC Core §5.1.1)
// that accounts keep, each an attribute of its own.
var addressMembers = account.AddressAttrs

// verifiableClaims can go out in verified_claims: the claims backed by
// attributes, which an eID or a register can prove.
var verifiableClaims = []string{account.AttrGivenName, account.AttrFamilyName, "name", account.AttrBirthdate,
	account.AttrSalutation, account.AttrBirthName, account.AttrPlaceOfBirth, account.AttrTitle,
	account.AttrArtisticName, account.AttrNationality, "address", account.AttrPhoneNumber}

// scopeOf is the scope that releases a claim; "" for none.
func scopeOf(claim string) string {
	for scope, claims := range scopeClaims {
		if slices.Contains(claims, claim) {
			return scope
		}
	}
	return ""
}

// KnownClaim reports whether name is a claim this provider can release.
func KnownClaim(name string) bool {
	return scopeOf(name) != "" || slices.Contains(addressMembers, name)
}

// supportedClaims are the claims of discovery's claims_supported.
func supportedClaims() []string {
	out := []string{"iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr", "sid", "at_hash"}
	for _, scope := range []string{"profile", "email", "address", "phone", "postfach"} {
		out = append(out, scopeClaims[scope]...)
	}
	return append(out, "verified_claims")
}
