package idp

import (
	"github.com/ory/fosite"

	"mvnk/eid/trust"
)

// achieved is the trust level a login proved; an acr no vocabulary knows
// proves nothing.
func achieved(auth *Authentication) trust.Level {
	l, _, ok := trust.Parse(auth.ACR)
	if !ok {
		return trust.None
	}
	return l
}

// checkLevel is the provider's own check of the login step's answer: a
// login below the requested level never gets a code, whatever the login
// step did. Without interaction it is login_required (OIDC Core
// §3.1.2.6); after it, unmet_authentication_requirements (OpenID Connect
// Unmet Authentication Requirements 1.0 §2).
func checkLevel(auth *Authentication, login LoginRequest) error {
	if achieved(auth) >= login.MinTrustLevel {
		return nil
	}
	if !login.Interactive {
		return fosite.ErrLoginRequired.WithHint("The login session is below the requested trust level.")
	}
	return errUnmetAuthn.WithHint("The login did not reach the requested trust level.")
}

// acrFor is the acr the client gets: the level achieved, named in the
// vocabulary the client asked in (STORK when it named none, egov-standards
// §1.4). An acr no vocabulary knows goes out as the login step set it.
func acrFor(auth *Authentication, login LoginRequest) string {
	l, _, ok := trust.Parse(auth.ACR)
	if !ok {
		return auth.ACR
	}
	if name := l.Name(login.ACRVocabulary); name != "" {
		return name
	}
	return l.Name(trust.STORK) // a level the vocabulary has no name for (none in eIDAS)
}
