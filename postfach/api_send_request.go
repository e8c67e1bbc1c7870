package postfach

import (
	"net/http"

	"mvnk/eid/trust"
)

// sendRequest is the JSON body of POST /messages (and the "message" part
// of a multipart request); the field names are the issue's.
type sendRequest struct {
	Recipient       string           `json:"recipient"`
	Kind            string           `json:"kind"`
	Subject         string           `json:"subject"`
	Body            string           `json:"body"`
	Sender          string           `json:"sender"`
	Service         string           `json:"service"`
	LeikaID         string           `json:"leika_id"`
	Reference       string           `json:"reference"`
	ApplicationID   string           `json:"application_id"`
	RequiredLevel   int              `json:"required_level"`
	ReplyAllowed    bool             `json:"reply_allowed"`
	ReplyTo         string           `json:"reply_to"`
	BekanntgabeRule string           `json:"bekanntgabe_rule"`
	Attachments     []sendAttachment `json:"attachments"`
}

// sendAttachment: content is standard base64 (encoding/json's []byte).
type sendAttachment struct {
	Filename  string `json:"filename"`
	MediaType string `json:"media_type"`
	Content   []byte `json:"content"`
	SHA512    string `json:"sha512"`
}

// readSendRequest reads a JSON or multipart/form-data request.
func readSendRequest(w http.ResponseWriter, r *http.Request) (*sendRequest, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxSendBody)
	var req sendRequest
	switch requestMediaType(r) {
	case "application/json":
		return &req, decodeAPIJSON(r.Body, &req)
	case "multipart/form-data":
		return &req, readMultipart(r, &req)
	}
	return nil, &apiRequestError{probMediaType, "Der Inhalt muss application/json oder multipart/form-data sein."}
}

// message turns the request into a Message from clientID to the mailbox.
func (req *sendRequest) message(clientID string, mb Mailbox) *Message {
	m := &Message{Mailbox: mb, Kind: Kind(req.Kind), Subject: req.Subject, Body: req.Body,
		Sender: Sender{ClientID: clientID, Name: req.Sender}, Service: req.Service,
		LeikaID: req.LeikaID, Reference: req.Reference, ApplicationID: req.ApplicationID,
		RequiredLevel: trust.Level(req.RequiredLevel), ReplyAllowed: req.ReplyAllowed,
		ReplyTo: req.ReplyTo, Rule: Rule(req.BekanntgabeRule)}
	for _, a := range req.Attachments {
		m.Attachments = append(m.Attachments, Attachment{Filename: a.Filename,
			MediaType: a.MediaType, Content: a.Content, SHA512: a.SHA512})
	}
	return m
}
