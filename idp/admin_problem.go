package idp

import (
	"encoding/json"
	"errors"
	"net/http"

	"mvnk/store"
)

// problem is an RFC 9457 problem details object. type is a stable URN a
// program can switch on; title and detail are German, for people.
type problem struct {
	Type   string       `json:"type"`
	Title  string       `json:"title"`
	Status int          `json:"status"`
	Detail string       `json:"detail,omitempty"`
	Errors []FieldError `json:"errors,omitempty"` // validation only
}

// problemFor returns the problem of an HTTP status. Each status the admin
// API answers has exactly one problem type (RFC 9457 §3.1.1).
func problemFor(status int, detail string) problem {
	slug, title := "internal", "Interner Fehler"
	switch status {
	case http.StatusBadRequest:
		slug, title = "malformed-request", "Ungültige Anfrage"
	case http.StatusUnauthorized:
		slug, title = "unauthorized", "Nicht angemeldet"
	case http.StatusForbidden:
		slug, title = "forbidden", "Keine Berechtigung"
	case http.StatusNotFound:
		slug, title = "not-found", "Nicht gefunden"
	case http.StatusMethodNotAllowed:
		slug, title = "method-not-allowed", "Methode nicht erlaubt"
	case http.StatusConflict:
		slug, title = "conflict", "Gleichzeitige Änderung"
	case http.StatusRequestEntityTooLarge:
		slug, title = "too-large", "Anfrage zu groß"
	case http.StatusUnsupportedMediaType:
		slug, title = "unsupported-media-type", "Nicht unterstützter Inhaltstyp"
	case http.StatusUnprocessableEntity:
		slug, title = "validation", "Ungültige Angaben"
	default:
		status = http.StatusInternalServerError
	}
	return problem{Type: "urn:mvnk:problem:" + slug, Title: title, Status: status, Detail: detail}
}

func writeProblem(w http.ResponseWriter, p problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}

// fail answers err as a problem: validation, unknown client, lost race,
// or — logged, without details to the caller — an internal error.
func (a *AdminAPI) fail(w http.ResponseWriter, r *http.Request, err error) {
	var ve *ValidationError
	var re *requestError
	switch {
	case errors.As(err, &ve):
		p := problemFor(http.StatusUnprocessableEntity, "Die Angaben zum Client sind nicht gültig; siehe errors.")
		p.Errors = ve.Fields
		writeProblem(w, p)
	case errors.As(err, &re):
		writeProblem(w, problemFor(re.status, re.detail))
	case errors.Is(err, store.ErrNotFound):
		writeProblem(w, problemFor(http.StatusNotFound, "Diesen Client gibt es nicht."))
	case errors.Is(err, store.ErrConflict):
		writeProblem(w, problemFor(http.StatusConflict, "Der Client wurde gleichzeitig geändert oder die ID ist vergeben; bitte erneut versuchen."))
	default:
		a.Logger.Error("admin api failed", "method", r.Method, "path", r.URL.Path, "err", err)
		writeProblem(w, problemFor(http.StatusInternalServerError, "Die Anfrage konnte nicht bearbeitet werden."))
	}
}
