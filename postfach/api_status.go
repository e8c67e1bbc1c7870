package postfach

import (
	"net/http"
	"time"
)

// statusRequest is the body of POST /applications/{id}/status: a ZBP
// status (egov-standards §4.2) for the citizen's timeline of the Vorgang.
type statusRequest struct {
	Recipient string `json:"recipient"`
	Status    string `json:"status"`
	Sender    string `json:"sender"`
	Service   string `json:"service"`
	Details   string `json:"details"`
}

// statusView is the stored update with its German text.
type statusView struct {
	ID            string    `json:"id"`
	ApplicationID string    `json:"application_id"`
	Status        Status    `json:"status"`
	Text          string    `json:"text"`
	Details       string    `json:"details,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
}

func (a *API) postStatus(w http.ResponseWriter, r *http.Request) {
	u, err := a.readStatus(w, r)
	if err == nil {
		err = a.Store.AddStatus(r.Context(), u)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeAPIJSON(w, http.StatusCreated, statusView{ID: u.ID, ApplicationID: u.ApplicationID,
		Status: u.Status, Text: u.Text(), Details: u.Details, CreatedAt: inBerlin(u.CreatedAt)})
}

// readStatus reads the update and checks sender name and recipient as
// POST /messages does.
func (a *API) readStatus(w http.ResponseWriter, r *http.Request) (*StatusUpdate, error) {
	if requestMediaType(r) != "application/json" {
		return nil, &apiRequestError{probMediaType, "Der Inhalt muss application/json sein."}
	}
	var req statusRequest
	if err := decodeAPIJSON(http.MaxBytesReader(w, r.Body, 64<<10), &req); err != nil {
		return nil, err
	}
	clientID := apiClient(r.Context())
	msg, err := a.resolve(r, clientID, &sendRequest{Sender: req.Sender, Recipient: req.Recipient})
	if err != nil {
		return nil, err
	}
	if req.Sender == "" {
		return nil, &InvalidError{Fields: []FieldError{{Field: "sender", Code: CodeRequired}}}
	}
	return &StatusUpdate{AccountID: msg.Mailbox.AccountID, ApplicationID: r.PathValue("id"),
		Sender: msg.Sender, Service: req.Service, Status: Status(req.Status), Details: req.Details}, nil
}
