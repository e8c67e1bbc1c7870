package idp

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
)

// maxAdminBody caps a request body; a client registration is a few KiB.
const maxAdminBody = 64 << 10

// requestError is a request the API cannot read: wrong media type, too
// large, not JSON, or a field the API does not know.
type requestError struct {
	status int
	detail string
}

func (e *requestError) Error() string { return e.detail }

// decodeJSON reads one JSON object into dst. Unknown fields are an error,
// so a misspelt field never passes silently as "not set".
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || (mt != "application/json" && mt != "application/merge-patch+json") {
		return &requestError{http.StatusUnsupportedMediaType, "Der Inhalt muss application/json sein."}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxAdminBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if dec.Decode(&struct{}{}) != io.EOF {
		return &requestError{http.StatusBadRequest, "Nach dem JSON-Objekt folgen weitere Daten."}
	}
	return nil
}

func decodeError(err error) error {
	var tooLarge *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooLarge):
		return &requestError{http.StatusRequestEntityTooLarge, fmt.Sprintf("Der Inhalt ist größer als %d KiB.", maxAdminBody>>10)}
	case errors.As(err, &typeErr):
		return &requestError{http.StatusBadRequest, fmt.Sprintf("Feld %q hat den falschen Typ (erwartet: %s).", typeErr.Field, typeErr.Type)}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.TrimPrefix(err.Error(), "json: unknown field ")
		return &requestError{http.StatusBadRequest, "Unbekanntes Feld " + field + "."}
	}
	return &requestError{http.StatusBadRequest, "Der Inhalt ist kein gültiges JSON-Objekt."}
}

// writeJSON answers v; no-store because answers may carry a secret.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
