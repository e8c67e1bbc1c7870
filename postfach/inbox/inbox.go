// Package inbox is the citizen's Postfach in "Mein Konto": the inbox with
// its filters and archive, a message with its Bekanntgabe facts, the
// attachments' download, replies, archiving, deleting, and the Postfach
// settings. A message above the session's trust level shows only sender,
// kind and date; reading it takes an eID step-up (postfach/doc.go).
package inbox

import (
	"context"
	"embed"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"mvnk/eid/trust"
	"mvnk/portal"
	"mvnk/postfach"
	"mvnk/store"
)

//go:embed templates/*.html
var templateFS embed.FS

// Path is the inbox; every page of the package lies below it.
const Path = "/konto/postfach"

// Reader is the logged-in citizen looking at the Postfach.
type Reader struct {
	AccountID, Handle string
	Level             trust.Level // of the browser's login session
}

// Guard wraps a page handler: it finds the browser's login session (or
// sends the browser to the login and back) and gives the handler the
// Reader. The app supplies it from the account console.
type Guard func(h func(w http.ResponseWriter, r *http.Request, rd Reader)) http.HandlerFunc

// Inbox is the Postfach pages.
type Inbox struct {
	Portal *portal.Portal
	Store  *postfach.Store
	Guard  Guard
	// StepUpURL is where a browser raises its session to level and comes
	// back to back (a path below /konto).
	StepUpURL func(back string, level trust.Level) string
	// Limit counts a citizen's replies (by account); nil: no limit.
	Limit RateLimiter
	Log   *slog.Logger
}

// RateLimiter counts hits per key (store/ratelimit behind it).
type RateLimiter interface {
	Allow(ctx context.Context, key string) (ok bool, retryAfter time.Duration, err error)
}

// New returns the inbox and adds its templates to the portal.
func New(p *portal.Portal, st *postfach.Store, g Guard, logger *slog.Logger) (*Inbox, error) {
	if p == nil || st == nil || g == nil || logger == nil {
		return nil, errors.New("inbox: portal, store, guard and logger are required")
	}
	if err := p.AddPages(templateFS, "templates"); err != nil {
		return nil, err
	}
	return &Inbox{Portal: p, Store: st, Guard: g, StepUpURL: StepUpURL, Log: logger}, nil
}

// StepUpURL is the login's eID step-up: it raises the session to level
// and returns to back.
func StepUpURL(back string, level trust.Level) string {
	return "/anmelden/eid?" + url.Values{"weiter": {back}, "niveau": {strconv.Itoa(int(level))}}.Encode()
}

// UnreadCount is the number of unopened messages in the account's inbox,
// for a badge in the navigation or on the account's start page.
func (ib *Inbox) UnreadCount(ctx context.Context, accountID string) (int, error) {
	return ib.Store.Unread(ctx, accountID)
}

type readerHandler func(w http.ResponseWriter, r *http.Request, rd Reader)

// reader runs h behind the guard. Every page carries personal data, so
// none may be stored by the browser or a proxy.
func (ib *Inbox) reader(h readerHandler) http.HandlerFunc {
	return ib.Guard(func(w http.ResponseWriter, r *http.Request, rd Reader) {
		w.Header().Set("Cache-Control", "no-store")
		h(w, r, rd)
	})
}

// fail answers a store error: an unknown message (or another account's)
// is the 404 page, anything else the 500 page with a reference.
func (ib *Inbox) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, store.ErrNotFound) { // postfach.ErrNoMessage wraps it
		ib.Portal.NotFound(w, r)
		return
	}
	ib.Portal.ServerError(w, r, err)
}
