package portal

import (
	"crypto/rand"
	"encoding/base32"
	"net/http"
)

const errorTemplate = "error"

// errorPage is the data of every error page: a heading, an explanation,
// and for server errors the reference id that is also in the log.
type errorPage struct {
	Page
	Status  int
	Heading string // catalogue key
	Text    string // catalogue key
	Ref     string
}

// errorKinds maps an HTTP status to the catalogue keys of its page.
var errorKinds = map[int]string{
	http.StatusBadRequest:            "error.bad_request",
	http.StatusForbidden:             "error.forbidden",
	http.StatusNotFound:              "error.not_found",
	http.StatusRequestEntityTooLarge: "error.too_large",
	http.StatusTooManyRequests:       "error.too_many",
	http.StatusInternalServerError:   "error.server",
}

// NotFound renders the German 404 page.
func (p *Portal) NotFound(w http.ResponseWriter, r *http.Request) {
	p.renderError(w, r, http.StatusNotFound, "")
}

// ServerError renders the German 500 page with a reference id and logs err
// with the same id, so a citizen's call to the hotline finds the log entry.
func (p *Portal) ServerError(w http.ResponseWriter, r *http.Request, err error) {
	ref := newRef()
	p.logger.ErrorContext(r.Context(), "request failed",
		"ref", ref, "method", r.Method, "path", r.URL.Path, "err", err)
	p.renderError(w, r, http.StatusInternalServerError, ref)
}

// renderError shows the error page for status (one of errorKinds).
func (p *Portal) renderError(w http.ResponseWriter, r *http.Request, status int, ref string) {
	kind, ok := errorKinds[status]
	if !ok {
		kind = errorKinds[http.StatusInternalServerError]
	}
	data := &errorPage{Status: status, Heading: kind + ".title", Text: kind + ".text", Ref: ref}
	p.Render(w, r, status, errorTemplate, data)
}

var refEncoding = base32.NewEncoding("ABCDEFGHJKLMNPQRSTUVWXYZ23456789").WithPadding(base32.NoPadding)

// newRef returns a reference id like "K7QF-2MXA": 40 random bits, in an
// alphabet without 0/O and 1/I so it can be read out on the phone.
func newRef() string {
	var b [5]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	s := refEncoding.EncodeToString(b[:])
	return s[:4] + "-" + s[4:]
}
