package postfach

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"mvnk/store/ratelimit"
)

type apiClientKey struct{}

// requireScope lets a request through only with an active bearer token
// (RFC 6750 §2.1) carrying scope and issued to a client for itself
// (client credentials, RFC 6749 §4.4), not on behalf of a person.
func (a *API) requireScope(scope string, next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info, ok := a.introspect(w, r, scope)
		if !ok {
			return
		}
		switch {
		case !slices.Contains(info.Scopes, scope):
			a.denied(w, probScope, `Bearer realm="mvnk", error="insufficient_scope", scope="`+scope+`"`,
				"Dem Token fehlt der Scope "+scope+".")
		case info.Subject != "" && info.Subject != info.ClientID:
			a.denied(w, probScope, "", "Die Postfach-API nimmt nur Client-Credentials-Tokens an, keine Tokens für Personen.")
		case a.limited(w, r, info.ClientID):
		default:
			next(w, r.WithContext(context.WithValue(r.Context(), apiClientKey{}, info.ClientID)))
		}
	})
}

// limited counts the request against the client's limit; true means it
// was refused (429 with Retry-After) or the count failed, and answered.
func (a *API) limited(w http.ResponseWriter, r *http.Request, clientID string) bool {
	if a.Limit == nil {
		return false
	}
	ok, retry, err := a.Limit.Allow(r.Context(), clientID)
	if err != nil {
		a.Logger.Error("postfach api: rate limit count failed", "err", err)
		writeAPIProblem(w, apiProblem(probInternal, "Die Anfrage konnte nicht gezählt werden. Bitte später erneut versuchen."))
		return true
	}
	if ok {
		return false
	}
	secs := ratelimit.RetryAfter(retry)
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	writeAPIProblem(w, apiProblem(probRateLimited, "Zu viele Anfragen dieses Clients. Bitte in "+strconv.Itoa(secs)+" Sekunden erneut versuchen."))
	return true
}

// introspect reads and checks the token; false means it has answered.
func (a *API) introspect(w http.ResponseWriter, r *http.Request, scope string) (TokenInfo, bool) {
	token, found := apiBearer(r)
	if !found { // RFC 6750 §3.1: no error code when no credentials came at all
		a.denied(w, probUnauthorized, `Bearer realm="mvnk"`, "Ein Bearer-Token mit dem Scope "+scope+" ist nötig.")
		return TokenInfo{}, false
	}
	var info TokenInfo
	var err error
	if token != "" {
		info, err = a.Tokens.Introspect(r.Context(), token)
	}
	if err != nil {
		a.Logger.Warn("postfach api: token introspection failed", "err", err)
	}
	if err != nil || !info.Active {
		a.denied(w, probUnauthorized, `Bearer realm="mvnk", error="invalid_token"`, "Das Token ist ungültig, abgelaufen oder widerrufen.")
		return TokenInfo{}, false
	}
	return info, true
}

// apiBearer reads "Authorization: Bearer <token>"; the scheme name is
// case-insensitive (RFC 9110 §11.1).
func apiBearer(r *http.Request) (token string, found bool) {
	scheme, rest, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	return strings.TrimSpace(rest), true
}

func (a *API) denied(w http.ResponseWriter, d apiProblemDef, challenge, detail string) {
	if challenge != "" {
		w.Header().Set("WWW-Authenticate", challenge)
	}
	writeAPIProblem(w, apiProblem(d, detail))
}

// apiClient is the client id of the calling Fachverfahren.
func apiClient(ctx context.Context) string {
	s, _ := ctx.Value(apiClientKey{}).(string)
	return s
}

// senderAllowed tells whether the client may send as name (its
// registration's Behörden).
func (a *API) senderAllowed(ctx context.Context, clientID, name string) (bool, error) {
	names, err := a.Senders.AllowedSenders(ctx, clientID)
	return slices.Contains(names, name), err
}
