package login

import (
	"encoding/json"
	"net/http"
	"strings"

	"mvnk/portal"
)

// maxPasskeyBody bounds a script's request: an attestation with its
// certificate chain fits many times over.
const maxPasskeyBody = 64 << 10

// Problem keys of the passkey endpoints; each is also the last part of
// the problem's stable type (RFC 9457 §3.1.1).
const (
	PasskeyFailed     = "passkey.failed"
	PasskeyExpired    = "passkey.expired"
	PasskeyCloned     = "passkey.cloned"
	PasskeyNoPending  = "passkey.no_pending"
	PasskeyNone       = "passkey.none"
	PasskeyBadRequest = "passkey.bad_request"
	PasskeyOff        = "passkey.unavailable"
	PasskeyServer     = "passkey.server_error"
	PasskeyBusy       = "passkey.busy"
	PasskeyName       = "passkey.name"
	PasskeyTooMany    = "passkey.too_many"
	PasskeyExists     = "passkey.exists"
)

var passkeyTexts = portal.Texts{
	PasskeyFailed: {"Die Anmeldung mit dem Passkey ist nicht gelungen. Bitte versuchen Sie es erneut oder melden Sie sich mit Ihrem Passwort an.",
		"Signing in with the passkey did not work. Please try again or sign in with your password."},
	PasskeyExpired: {"Das hat zu lange gedauert. Bitte versuchen Sie es erneut.",
		"That took too long. Please try again."},
	PasskeyCloned: {"Dieser Passkey wurde abgelehnt, weil er möglicherweise kopiert wurde. Bitte melden Sie sich mit Ihrem Passwort an und entfernen Sie den Passkey.",
		"This passkey was refused because it may have been copied. Please sign in with your password and remove the passkey."},
	PasskeyNoPending: {"Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.",
		"Your sign-in has expired. Please sign in again."},
	PasskeyNone: {"Für Ihr Konto ist kein Passkey eingerichtet.",
		"No passkey is set up for your account."},
	PasskeyBadRequest: {"Die Anfrage war ungültig. Bitte laden Sie die Seite neu.",
		"The request was invalid. Please reload the page."},
	PasskeyOff: {"Passkeys sind auf dieser Instanz nicht verfügbar.",
		"Passkeys are not available on this instance."},
	PasskeyBusy: {"Von Ihrem Anschluss wurden gerade sehr viele Anmeldungen begonnen. Bitte warten Sie eine Minute.",
		"Very many logins were just started from your connection. Please wait a minute."},
	PasskeyServer: {"Ein technischer Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.",
		"A technical error occurred. Please try again later."},
	PasskeyName: {"Bitte geben Sie dem Passkey einen Namen mit 1 bis 64 Zeichen.",
		"Please give the passkey a name of 1 to 64 characters."},
	PasskeyTooMany: {"Sie haben bereits 20 Passkeys. Bitte entfernen Sie zuerst einen, den Sie nicht mehr nutzen.",
		"You already have 20 passkeys. Please first remove one you no longer use."},
	PasskeyExists: {"Dieser Passkey ist bereits registriert.",
		"This passkey is already registered."},
}

// PasskeyText is a passkey message in lang ("de" or "en").
func PasskeyText(key, lang string) string { return passkeyTexts.Text(key, lang) }

// passkeyRequest is what the script sends: the ceremony it continues,
// the page's continuation, a passkey's name, and the credential
// (PublicKeyCredential.toJSON(), WebAuthn L3 §5.1).
type passkeyRequest struct {
	Ceremony   string          `json:"ceremonie"`
	Weiter     string          `json:"weiter"`
	Name       string          `json:"name"`
	Credential json.RawMessage `json:"credential"`
}

// readPasskeyRequest decodes the body; on failure it has answered.
func readPasskeyRequest(w http.ResponseWriter, r *http.Request) (*passkeyRequest, bool) {
	var req passkeyRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxPasskeyBody))
	if err := dec.Decode(&req); err != nil {
		WritePasskeyProblem(w, r, http.StatusBadRequest, PasskeyBadRequest)
		return nil, false
	}
	return &req, true
}

// WriteJSON answers v as JSON; the answers carry challenges and are
// never cached.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// WritePasskeyProblem answers an RFC 9457 problem whose detail the script
// shows to the user, in the page's language (the script sends it as
// Accept-Language).
func WritePasskeyProblem(w http.ResponseWriter, r *http.Request, status int, key string) {
	lang := "de"
	if strings.HasPrefix(r.Header.Get("Accept-Language"), "en") {
		lang = "en"
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"type": "urn:mvnk:problem:" + key, "title": passkeyTexts.Text(key, "en"),
		"status": status, "detail": passkeyTexts.Text(key, lang),
	})
}
