package postfach

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
)

// maxSendBody caps a request: 30 MiB of attachments (MaxAttachmentTotal)
// grow by a third in base64, plus the message itself.
const maxSendBody = 48 << 20

// apiRequestError is a request the API cannot read: wrong media type,
// too large, not JSON, or a field the API does not know.
type apiRequestError struct {
	def    apiProblemDef
	detail string
}

func (e *apiRequestError) Error() string { return e.detail }

// requestMediaType is the request's media type without parameters.
func requestMediaType(r *http.Request) string {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return ""
	}
	return mt
}

// decodeAPIJSON reads one JSON object into dst. Unknown fields are an
// error, so a misspelt field never passes silently as "not set".
func decodeAPIJSON(body io.Reader, dst any) error {
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return apiDecodeError(err)
	}
	if dec.Decode(&struct{}{}) != io.EOF {
		return &apiRequestError{probMalformed, "Nach dem JSON-Objekt folgen weitere Daten."}
	}
	return nil
}

func apiDecodeError(err error) error {
	var tooLarge *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooLarge):
		return &apiRequestError{probTooLarge, "Die Anfrage ist größer als " + byteSize(tooLarge.Limit) + "."}
	case errors.As(err, &typeErr):
		return &apiRequestError{probMalformed, fmt.Sprintf("Feld %q hat den falschen Typ (erwartet: %s).", typeErr.Field, typeErr.Type)}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return &apiRequestError{probMalformed, "Unbekanntes Feld " + strings.TrimPrefix(err.Error(), "json: unknown field ") + "."}
	case strings.Contains(err.Error(), "base64"):
		return &apiRequestError{probMalformed, "Ein Anhang ist nicht gültig Base64-kodiert (RFC 4648 §4)."}
	}
	return &apiRequestError{probMalformed, "Der Inhalt ist kein gültiges JSON-Objekt."}
}

func writeAPIJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// byteSize writes a request limit for people: 48 MiB, 64 KiB.
func byteSize(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}
