package postfach

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// API is the sender API of the Postfach (/api/postfach/v1): Fachverfahren
// deliver messages and Bescheide, read their delivery facts and the
// citizens' replies, post ZBP status updates, check a recipient's opt-out
// and manage their webhook. It is described by the OpenAPI 3.1 document it serves
// at /api/postfach/v1/openapi.json (openapi.json).
type API struct {
	Store      *Store
	Tokens     TokenIntrospector
	Senders    SenderPolicy
	Recipients Recipients
	Webhooks   *Webhooks   // the senders' callbacks (/webhook routes); nil: those answer 404
	Limit      RateLimiter // requests per client; nil: no limit
	// Enqueue runs in the transaction that stores a new message, for
	// extra jobs; nil: none. (The citizen's e-mail notice is Store.Notices.)
	Enqueue func(tx *sql.Tx, m *Message) error
	Logger  *slog.Logger
	Now     func() time.Time // reserved for time-dependent answers; nil: time.Now
}

// RateLimiter counts a client's requests (store/ratelimit behind it, so
// the limit holds across nodes).
type RateLimiter interface {
	Allow(ctx context.Context, clientID string) (ok bool, retryAfter time.Duration, err error)
}

// Scopes of the sender API (client-credentials tokens of mvnk's IdP).
const (
	ScopeSend   = "postfach.send"
	ScopeStatus = "postfach.status"
)

// TokenInfo is what the API learns about a bearer token (RFC 7662 §2.2).
type TokenInfo struct {
	Active   bool
	ClientID string
	Scopes   []string
	Subject  string
}

// TokenIntrospector checks an access token; an inactive token and an
// error are both refused. idp's introspection has the same shape.
type TokenIntrospector interface {
	Introspect(ctx context.Context, token string) (TokenInfo, error)
}

// SenderPolicy says which sender names (Behörden) a client's registration
// allows it to send as.
type SenderPolicy interface {
	AllowedSenders(ctx context.Context, clientID string) ([]string, error)
}

// Recipients maps a Postfach handle (the claim postfach_handle) onto the
// account it belongs to; an unknown handle is an error wrapping
// store.ErrNotFound.
type Recipients interface {
	MailboxByHandle(ctx context.Context, handle string) (accountID string, err error)
}

// NewAPI wires the sender API.
func NewAPI(st *Store, tokens TokenIntrospector, senders SenderPolicy, recipients Recipients, logger *slog.Logger) *API {
	return &API{Store: st, Tokens: tokens, Senders: senders, Recipients: recipients, Logger: logger}
}

const apiPrefix = "/api/postfach/v1"

// Mount registers the sender API's routes — its whole surface.
func (a *API) Mount(mux *http.ServeMux) {
	mux.Handle("POST "+apiPrefix+"/messages", a.requireScope(ScopeSend, a.sendMessage))
	mux.Handle("GET "+apiPrefix+"/messages", a.requireScope(ScopeStatus, a.listMessages))
	mux.Handle("GET "+apiPrefix+"/messages/{id}", a.requireScope(ScopeStatus, a.getMessage))
	mux.Handle("POST "+apiPrefix+"/messages/{id}/renewal", a.requireScope(ScopeSend, a.renewMessage))
	mux.Handle("POST "+apiPrefix+"/applications/{id}/status", a.requireScope(ScopeSend, a.postStatus))
	mux.Handle("GET "+apiPrefix+"/replies/{id}", a.requireScope(ScopeStatus, a.getReply))
	mux.Handle("GET "+apiPrefix+"/replies/{id}/attachments/{attachment_id}", a.requireScope(ScopeStatus, a.getReplyAttachment))
	mux.Handle("GET "+apiPrefix+"/recipients/{handle}", a.requireScope(ScopeSend, a.getRecipient))
	mux.Handle("PUT "+apiPrefix+"/webhook", a.requireScope(ScopeSend, a.putWebhook))
	mux.Handle("GET "+apiPrefix+"/webhook", a.requireScope(ScopeSend, a.getWebhook))
	mux.Handle("DELETE "+apiPrefix+"/webhook", a.requireScope(ScopeSend, a.deleteWebhook))
	mux.Handle("POST "+apiPrefix+"/webhook/secret", a.requireScope(ScopeSend, a.rotateWebhookSecret))
	mux.Handle("GET "+apiPrefix+"/webhook/deliveries", a.requireScope(ScopeSend, a.listWebhookDeliveries))
	mux.HandleFunc("GET "+apiPrefix+"/openapi.json", serveAPIDoc)
	mux.HandleFunc(apiPrefix+"/", a.noRoute)
}

// noRoute answers what no route matched as a problem, not with the
// portal's HTML page: 405 with Allow for a known path, else 404.
func (a *API) noRoute(w http.ResponseWriter, r *http.Request) {
	allow := ""
	switch p := r.URL.Path; {
	case p == apiPrefix+"/messages":
		allow = "GET, POST"
	case matchPath(p, apiPrefix+"/messages/{id}"), p == apiPrefix+"/openapi.json",
		matchPath(p, apiPrefix+"/replies/{id}"), matchPath(p, apiPrefix+"/replies/{id}/attachments/{a}"),
		matchPath(p, apiPrefix+"/recipients/{handle}"), p == apiPrefix+"/webhook/deliveries":
		allow = "GET"
	case matchPath(p, apiPrefix+"/applications/{id}/status"), p == apiPrefix+"/webhook/secret",
		matchPath(p, apiPrefix+"/messages/{id}/renewal"):
		allow = "POST"
	case p == apiPrefix+"/webhook":
		allow = "GET, PUT, DELETE"
	}
	if allow == "" {
		writeAPIProblem(w, apiProblem(probNotFound, "Diese Adresse gibt es in der Postfach-API nicht."))
		return
	}
	w.Header().Set("Allow", allow)
	writeAPIProblem(w, apiProblem(probMethod, "Erlaubt sind: "+allow+"."))
}

// matchPath tells whether path fits tpl, whose {…} segments match any
// one non-empty segment.
func matchPath(path, tpl string) bool {
	segs, want := strings.Split(path, "/"), strings.Split(tpl, "/")
	if len(segs) != len(want) {
		return false
	}
	for i, s := range want {
		if param := strings.HasPrefix(s, "{"); (param && segs[i] == "") || (!param && s != segs[i]) {
			return false
		}
	}
	return true
}
