package postfach

import (
	"errors"
	"net/http"
	"strings"
	"unicode/utf8"

	"mvnk/store"
)

// maxIdempotencyKey bounds the Idempotency-Key header.
const maxIdempotencyKey = 255

// sendResult is the answer to POST /messages.
type sendResult struct {
	ID string `json:"id"`
}

// sendMessage stores a message and answers 201 with its id only after the
// commit. A retry with the same Idempotency-Key and the same content gets
// 200 and the first message's id; with other content it is refused
// (idempotency-key-reused). Nothing new is stored in either case.
func (a *API) sendMessage(w http.ResponseWriter, r *http.Request) {
	clientID := apiClient(r.Context())
	key := r.Header.Get("Idempotency-Key")
	if utf8.RuneCountInString(key) > maxIdempotencyKey {
		a.fail(w, r, &apiRequestError{probMalformed, "Der Idempotency-Key ist länger als 255 Zeichen."})
		return
	}
	req, err := readSendRequest(w, r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	m, err := a.resolve(r, clientID, req)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	id, created, err := a.Store.Create(r.Context(), m, CreateOptions{IdempotencyKey: key, Enqueue: a.Enqueue})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Location", apiPrefix+"/messages/"+id)
	status := http.StatusCreated
	if !created {
		status = http.StatusOK
	}
	writeAPIJSON(w, status, sendResult{ID: id})
}

// resolve checks the sender name against the client's registration and
// looks the recipient's handle up.
func (a *API) resolve(r *http.Request, clientID string, req *sendRequest) (*Message, error) {
	if req.Sender != "" {
		ok, err := a.senderAllowed(r.Context(), clientID, req.Sender)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, &apiRequestError{probSender, "Dieser Client darf nicht als „" + req.Sender + "“ senden."}
		}
	}
	if req.Recipient == "" {
		return nil, &InvalidError{Fields: []FieldError{{Field: "recipient", Code: CodeRequired}}}
	}
	account, err := a.Recipients.MailboxByHandle(r.Context(), req.Recipient)
	if errors.Is(err, store.ErrNotFound) {
		return nil, &apiRequestError{probRecipient, "Zu diesem Postfach-Handle gibt es kein Postfach."}
	}
	if err != nil {
		return nil, err
	}
	return req.message(clientID, Mailbox{Handle: req.Recipient, AccountID: account}), nil
}

// fail answers err as a problem: an unreadable request, invalid input,
// an unknown message, or — logged, without details — an internal error.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	var re *apiRequestError
	var ie *InvalidError
	switch {
	case errors.As(err, &re):
		writeAPIProblem(w, apiProblem(re.def, re.detail))
	case errors.As(err, &ie):
		writeAPIProblem(w, invalidProblem(ie.Fields))
	case errors.Is(err, ErrWebhookURL):
		writeAPIProblem(w, apiProblem(probWebhookURL, "Die Adresse muss eine https-URL ohne Zugangsdaten und Fragment sein (http nur für localhost)."))
	case errors.Is(err, ErrWebhookEventType):
		writeAPIProblem(w, apiProblem(probWebhookEvent, "Mindestens ein Ereignistyp ist nötig; erlaubt sind: "+strings.Join(WebhookEventTypes, ", ")+"."))
	case errors.Is(err, ErrIdempotencyKeyReused):
		writeAPIProblem(w, apiProblem(probIdemReused, "Dieser Idempotency-Key wurde schon für eine Nachricht mit anderem Inhalt verwendet; nichts wurde gespeichert. Jede neue Nachricht braucht einen neuen Schlüssel."))
	case errors.Is(err, ErrApplicationOfOtherSender):
		writeAPIProblem(w, apiProblem(probOtherSender, "Zu diesem Vorgang im Postfach hat ein anderer Client schon Status oder Nachrichten geliefert; nichts wurde gespeichert."))
	case errors.Is(err, ErrNotRenewable):
		writeAPIProblem(w, apiProblem(probNotRenewable, "Erneut bekannt geben lässt sich nur ein Bescheid nach § 9 OZG, der elektronisch bereitgestellt wurde."))
	case errors.Is(err, ErrBekanntgabeFinal):
		writeAPIProblem(w, apiProblem(probFinal, "Die Bekanntgabe dieses Bescheids ist schon wirksam; eine erneute Bekanntgabe im Postfach ändert daran nichts."))
	case errors.Is(err, store.ErrNotFound):
		writeAPIProblem(w, apiProblem(probNotFound, notFoundDetail(err)))
	default:
		a.Logger.Error("postfach api failed", "method", r.Method, "path", r.URL.Path, "err", err)
		writeAPIProblem(w, apiProblem(probInternal, "Die Anfrage konnte nicht bearbeitet werden."))
	}
}

// notFoundDetail names what was not found.
func notFoundDetail(err error) string {
	switch {
	case errors.Is(err, ErrNoMessage):
		return "Diese Nachricht gibt es nicht oder sie stammt nicht von diesem Client."
	case errors.Is(err, ErrNoReply):
		return "Diese Antwort gibt es nicht oder sie gilt keiner Nachricht dieses Clients."
	}
	return "Das Angefragte gibt es nicht oder es gehört nicht zu diesem Client."
}
