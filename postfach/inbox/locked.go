package inbox

import (
	"net/http"
	"time"

	"mvnk/eid/trust"
	"mvnk/postfach"
)

// lockedPage is a message above the session's level: only sender, kind,
// date and the level it needs, so no content can reach the HTML.
type lockedPage struct {
	basePage
	ID       string
	Sender   string
	Kind     postfach.Kind
	Provided time.Time
	Required trust.Level
	StepUp   string // the eID login that returns to the message
}

// locked shows the placeholder of m with status: 200 for the message
// itself, 403 for what the message's level guards (a download, a reply).
func (ib *Inbox) locked(w http.ResponseWriter, r *http.Request, m *postfach.Message, status int) {
	page := &lockedPage{ID: m.ID, Sender: m.Sender.Name, Kind: m.Kind, Provided: m.ProvidedAt,
		Required: m.RequiredLevel, StepUp: ib.StepUpURL(messagePath(m.ID), m.RequiredLevel)}
	ib.Portal.Render(w, r, status, "postfach-gesperrt", page)
}
