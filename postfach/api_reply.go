package postfach

import (
	"net/http"
	"time"
)

// replyView is a citizen's reply as its addressee, the sender of the
// message, reads it (after the webhook reply.created).
type replyView struct {
	ID            string           `json:"id"`
	MessageID     string           `json:"message_id"`
	ApplicationID string           `json:"application_id,omitempty"`
	Body          string           `json:"body"`
	CreatedAt     time.Time        `json:"created_at"`
	Attachments   []attachmentView `json:"attachments"`
}

// attachmentView is an attachment's metadata; the bytes have their own URL.
type attachmentView struct {
	ID        string `json:"id"`
	Filename  string `json:"filename"`
	MediaType string `json:"media_type"`
	Size      int64  `json:"size"`
	SHA512    string `json:"sha512"`
}

// getReply answers a reply to one of the client's messages; a reply to
// another client's message is 404, as if it did not exist.
func (a *API) getReply(w http.ResponseWriter, r *http.Request) {
	rep, m, err := a.Store.ReplyForSender(r.Context(), apiClient(r.Context()), r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := replyView{ID: rep.ID, MessageID: rep.MessageID, ApplicationID: m.ApplicationID,
		Body: rep.Body, CreatedAt: inBerlin(rep.CreatedAt), Attachments: make([]attachmentView, 0, len(rep.Attachments))}
	for _, at := range rep.Attachments {
		out.Attachments = append(out.Attachments, attachmentView{ID: at.ID, Filename: at.Filename,
			MediaType: at.MediaType, Size: at.Size, SHA512: at.SHA512})
	}
	writeAPIJSON(w, http.StatusOK, out)
}
