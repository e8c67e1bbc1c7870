package postfach

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
)

// apiProblemDef is one stable problem type of the sender API (RFC 9457
// §3.1.1): a program switches on Type, people read the German Title.
type apiProblemDef struct {
	slug   string
	status int
	title  string
}

// The problem types; openapi.json lists every one under Problem.type.
var (
	probMalformed    = apiProblemDef{"malformed-request", 400, "Ungültige Anfrage"}
	probUnauthorized = apiProblemDef{"unauthorized", 401, "Nicht angemeldet"}
	probScope        = apiProblemDef{"insufficient-scope", 403, "Scope fehlt"}
	probSender       = apiProblemDef{"sender-not-allowed", 403, "Absender nicht erlaubt"}
	probNotFound     = apiProblemDef{"not-found", 404, "Nicht gefunden"}
	probMethod       = apiProblemDef{"method-not-allowed", 405, "Methode nicht erlaubt"}
	probOtherSender  = apiProblemDef{"application-of-other-sender", 409, "Vorgang eines anderen Absenders"}
	probTooLarge     = apiProblemDef{"request-too-large", 413, "Anfrage zu groß"}
	probAttTooLarge  = apiProblemDef{"attachment-too-large", 413, "Anhang zu groß"}
	probMediaType    = apiProblemDef{"unsupported-media-type", 415, "Nicht unterstützter Inhaltstyp"}
	probRecipient    = apiProblemDef{"unknown-recipient", 422, "Unbekannter Empfänger"}
	probHash         = apiProblemDef{"hash-mismatch", 422, "Prüfsumme stimmt nicht"}
	probKind         = apiProblemDef{"unknown-kind", 422, "Unbekannte Nachrichtenart"}
	probValidation   = apiProblemDef{"validation", 422, "Ungültige Angaben"}
	probIdemReused   = apiProblemDef{"idempotency-key-reused", 422, "Idempotency-Key schon verwendet"}
	probWebhookURL   = apiProblemDef{"invalid-webhook-url", 422, "Ungültige Webhook-Adresse"}
	probWebhookEvent = apiProblemDef{"unknown-webhook-event", 422, "Unbekannter Ereignistyp"}
	probRateLimited  = apiProblemDef{"rate-limited", 429, "Zu viele Anfragen"}
	probNotRenewable = apiProblemDef{"not-renewable", 422, "Keine erneute Bekanntgabe möglich"}
	probFinal        = apiProblemDef{"bekanntgabe-final", 409, "Bekanntgabe bereits wirksam"}
	probInternal     = apiProblemDef{"internal", 500, "Interner Fehler"}
)

// probNoRecipient is probRecipient where the handle is the resource asked
// for (GET /recipients/{handle}): the same type, answered with 404.
var probNoRecipient = apiProblemDef{probRecipient.slug, 404, probRecipient.title}

// apiProblems lists every problem type, for the document's check.
var apiProblems = []apiProblemDef{probMalformed, probUnauthorized, probScope, probSender,
	probNotFound, probMethod, probTooLarge, probAttTooLarge, probMediaType, probRecipient,
	probHash, probKind, probValidation, probWebhookURL, probWebhookEvent, probRateLimited, probInternal,
	probOtherSender, probIdemReused, probNotRenewable, probFinal}

// problemTypePrefix makes a slug a stable type URN (RFC 9457 §3.1.1).
const problemTypePrefix = "urn:mvnk:problem:postfach:"

// apiProblemBody is the RFC 9457 problem details object.
type apiProblemBody struct {
	Type   string       `json:"type"`
	Title  string       `json:"title"`
	Status int          `json:"status"`
	Detail string       `json:"detail,omitempty"`
	Errors []FieldError `json:"errors,omitempty"` // validation only
}

func apiProblem(d apiProblemDef, detail string) apiProblemBody {
	return apiProblemBody{Type: problemTypePrefix + d.slug, Title: d.title, Status: d.status, Detail: detail}
}

func writeAPIProblem(w http.ResponseWriter, p apiProblemBody) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}

// invalidProblem picks the problem of Validate's findings. The specific
// types a sender must react to differently win over plain validation:
// a too large file (413), a wrong hash, an unknown kind.
func invalidProblem(fields []FieldError) apiProblemBody {
	has := func(codes ...string) bool {
		return slices.ContainsFunc(fields, func(f FieldError) bool { return slices.Contains(codes, f.Code) })
	}
	p := apiProblem(probValidation, "Die Angaben zur Nachricht sind nicht gültig; siehe errors.")
	switch {
	case has(CodeTooLarge, CodeTotalTooLarge):
		p = apiProblem(probAttTooLarge, "Ein Anhang oder alle zusammen überschreiten die Größengrenze (10 MiB je Anhang, 30 MiB zusammen).")
	case has(CodeHashMismatch):
		p = apiProblem(probHash, "Die SHA-512-Prüfsumme eines Anhangs passt nicht zu seinem Inhalt.")
	case has(CodeUnknownKind):
		p = apiProblem(probKind, "Erlaubte Arten: "+strings.Join(kindNames(), ", ")+".")
	}
	p.Errors = fields
	return p
}

func kindNames() []string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return names
}
