package idp

import (
	"context"
	"net/http"
	"slices"
	"strings"
)

// AdminScope is the scope a token needs for the admin API.
const AdminScope = "mvnk.admin"

// TokenInfo is what the admin API learns about a bearer token (the
// fields of RFC 7662 §2.2 it uses).
type TokenInfo struct {
	Active   bool
	ClientID string
	Scopes   []string
	Subject  string
}

// TokenIntrospector checks an access token. An unknown, expired or
// revoked token is TokenInfo{Active: false}; an error means the check
// itself failed. Both are refused.
type TokenIntrospector interface {
	Introspect(ctx context.Context, token string) (TokenInfo, error)
}

type actorKey struct{}

// requireAdmin lets a request through only with an active bearer token
// (RFC 6750 §2.1) that carries AdminScope and was issued to a client for
// itself (client credentials, RFC 6749 §4.4), not on behalf of a person.
func (a *AdminAPI) requireAdmin(next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, found := bearerToken(r)
		if !found {
			// RFC 6750 §3.1: no error code when no credentials came at all.
			a.denied(w, http.StatusUnauthorized, `Bearer realm="mvnk"`, "Ein Bearer-Token mit dem Scope mvnk.admin ist nötig.")
			return
		}
		var info TokenInfo // an empty token stays inactive
		var err error
		if token != "" {
			info, err = a.Tokens.Introspect(r.Context(), token)
		}
		if err != nil {
			a.Logger.Warn("admin api: token introspection failed", "err", err)
		}
		switch {
		case err != nil || !info.Active:
			a.denied(w, http.StatusUnauthorized, `Bearer realm="mvnk", error="invalid_token"`, "Das Token ist ungültig, abgelaufen oder widerrufen.")
		case !slices.Contains(info.Scopes, AdminScope):
			a.denied(w, http.StatusForbidden, `Bearer realm="mvnk", error="insufficient_scope", scope="mvnk.admin"`, "Dem Token fehlt der Scope mvnk.admin.")
		case info.Subject != "" && info.Subject != info.ClientID:
			a.denied(w, http.StatusForbidden, "", "Die Admin-API nimmt nur Client-Credentials-Tokens an, keine Tokens für Personen.")
		default:
			next(w, r.WithContext(context.WithValue(r.Context(), actorKey{}, info.ClientID)))
		}
	})
}

// bearerToken reads "Authorization: Bearer <token>"; the scheme name is
// case-insensitive (RFC 9110 §11.1). found is false without that header.
func bearerToken(r *http.Request) (token string, found bool) {
	scheme, rest, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	return strings.TrimSpace(rest), true
}

func (a *AdminAPI) denied(w http.ResponseWriter, status int, challenge, detail string) {
	if challenge != "" {
		w.Header().Set("WWW-Authenticate", challenge)
	}
	writeProblem(w, problemFor(status, detail))
}

// actor is the client id of the admin making the request, for the log.
func actor(ctx context.Context) string {
	s, _ := ctx.Value(actorKey{}).(string)
	return s
}
