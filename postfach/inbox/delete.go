package inbox

import (
	"errors"
	"net/http"

	"mvnk/postfach"
)

type deletePage struct {
	basePage
	Message *postfach.Message
	// Pending: a Bescheid whose Bekanntgabe is not final; the store kept
	// it (its copy is the citizen's proof of access).
	Pending     bool
	Bekanntgabe *bekanntgabe
}

// deletable loads the message for the delete pages; below its level the
// placeholder answers (deleting unread content takes the same login as
// reading it).
func (ib *Inbox) deletable(w http.ResponseWriter, r *http.Request, rd Reader) (*postfach.Message, bool) {
	m, err := ib.Store.Get(r.Context(), rd.AccountID, r.PathValue("id"))
	switch {
	case err != nil:
		ib.fail(w, r, err)
	case !m.Readable(rd.Level):
		ib.locked(w, r, m, http.StatusForbidden)
	default:
		return m, true
	}
	return nil, false
}

// showDelete asks for confirmation, or explains at once why a Bescheid
// must stay until its Bekanntgabe is final.
func (ib *Inbox) showDelete(w http.ResponseWriter, r *http.Request, rd Reader) {
	m, ok := ib.deletable(w, r, rd)
	if !ok {
		return
	}
	page := &deletePage{Message: m}
	if now := ib.Store.Now(); !m.Deletable(now) {
		page.Pending, page.Bekanntgabe = true, newBekanntgabe(m, now)
	}
	ib.Portal.Render(w, r, http.StatusOK, "postfach-loeschen", page)
}

// delete removes the message, or explains why a Bescheid must stay.
func (ib *Inbox) delete(w http.ResponseWriter, r *http.Request, rd Reader) {
	m, ok := ib.deletable(w, r, rd)
	if !ok {
		return
	}
	err := ib.Store.Delete(r.Context(), rd.AccountID, m.ID)
	switch {
	case errors.Is(err, postfach.ErrBekanntgabePending):
		page := &deletePage{Message: m, Pending: true, Bekanntgabe: newBekanntgabe(m, ib.Store.Now())}
		ib.Portal.Render(w, r, http.StatusConflict, "postfach-loeschen", page)
	case err != nil:
		ib.fail(w, r, err)
	default:
		http.Redirect(w, r, Path+"?geloescht=1", http.StatusSeeOther)
	}
}
