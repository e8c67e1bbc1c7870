package inbox

import (
	"errors"
	"html/template"
	"net/http"

	"mvnk/postfach"
)

type messagePage struct {
	basePage
	Message     *postfach.Message
	Body        template.HTML // renderBody: the safe markup subset
	Bekanntgabe *bekanntgabe
	Timeline    []postfach.StatusUpdate
	Replies     []replyView
	Notice      string // "geantwortet", "archiviert", "zurueckgelegt" or ""
	Deletable   bool   // a Bescheid only once its Bekanntgabe is final
}

// replyView is a reply the citizen sent, with its text in paragraphs.
type replyView struct {
	postfach.Reply
	Text template.HTML // renderPlain
}

// showMessage opens a message. Opening it at its level is the retrieval
// (§ 41 Abs. 2a VwVfG evidence), recorded with the session's level; below
// it the page shows the placeholder with the eID step-up.
func (ib *Inbox) showMessage(w http.ResponseWriter, r *http.Request, rd Reader) {
	m, _, err := ib.Store.MarkRetrieved(r.Context(), rd.AccountID, r.PathValue("id"), rd.Level)
	if errors.Is(err, postfach.ErrLevelTooLow) {
		ib.locked(w, r, m, http.StatusOK)
		return
	}
	if err != nil {
		ib.fail(w, r, err)
		return
	}
	page := &messagePage{Message: m, Body: renderBody(m.Body),
		Bekanntgabe: newBekanntgabe(m, ib.Store.Now()), Notice: notice(r), Deletable: m.Deletable(ib.Store.Now())}
	if err := ib.fillMessage(r, rd, page); err != nil {
		ib.fail(w, r, err)
		return
	}
	ib.Portal.Render(w, r, http.StatusOK, "postfach-nachricht", page)
}

// fillMessage loads the Vorgang's timeline and the replies sent.
func (ib *Inbox) fillMessage(r *http.Request, rd Reader, page *messagePage) error {
	ctx, m := r.Context(), page.Message
	var err error
	if m.ApplicationID != "" {
		if page.Timeline, err = ib.Store.Timeline(ctx, rd.AccountID, m.ApplicationID); err != nil {
			return err
		}
	}
	replies, err := ib.Store.Replies(ctx, rd.AccountID, m.ID)
	for _, rp := range replies {
		page.Replies = append(page.Replies, replyView{Reply: rp, Text: renderPlain(rp.Body)})
	}
	return err
}

// notice is the success the redirect to the message reports.
func notice(r *http.Request) string {
	switch n := r.URL.Query().Get("erfolg"); n {
	case "geantwortet", "archiviert", "zurueckgelegt":
		return n
	}
	return ""
}

// VorgangURL is the inbox filtered by the message's Vorgang.
func (p *messagePage) VorgangURL() string {
	return listQuery{Vorgang: p.Message.ApplicationID}.URL()
}

// BackURL is the list the message is in: the inbox or the archive.
func (p *messagePage) BackURL() string {
	return listQuery{Archived: p.Message.ArchivedAt != nil}.URL()
}
