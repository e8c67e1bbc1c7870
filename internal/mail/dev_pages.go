package mail

import (
	"errors"
	"net/http"
	"time"

	"mvnk/portal"
	"mvnk/store"
)

const devListLimit = 200

// devListPage is GET /dev/mail: the newest mails first.
type devListPage struct {
	portal.Page
	Mails []devRow
}

// devMailPage is GET /dev/mail/{id}: one mail, its text with live links.
type devMailPage struct {
	portal.Page
	Mail       devRow
	Paragraphs [][][]segment
	HTML       string // the HTML part, shown as source only
}

type devRow struct {
	ID, Kind, To, Subject string
	Time, TimeISO         string
}

func (d *DevMailbox) showList(w http.ResponseWriter, r *http.Request) {
	mails, err := d.list(r.Context(), devListLimit)
	if err != nil {
		d.shell.ServerError(w, r, err)
		return
	}
	page := &devListPage{}
	for _, m := range mails {
		page.Mails = append(page.Mails, row(m))
	}
	d.shell.Render(w, r, http.StatusOK, "mail-dev-list", page)
}

func (d *DevMailbox) showMail(w http.ResponseWriter, r *http.Request) {
	m, err := d.get(r.Context(), r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		d.shell.NotFound(w, r)
		return
	}
	if err != nil {
		d.shell.ServerError(w, r, err)
		return
	}
	page := &devMailPage{Mail: row(m), Paragraphs: paragraphs(m.Text), HTML: m.HTML}
	d.shell.Render(w, r, http.StatusOK, "mail-dev-message", page)
}

// berlin is the time zone of the portal's users; UTC if the system has
// no zone data.
var berlin = func() *time.Location {
	if loc, err := time.LoadLocation("Europe/Berlin"); err == nil {
		return loc
	}
	return time.UTC
}()

func row(m devMail) devRow {
	return devRow{
		ID: m.ID, Kind: m.Kind, To: m.To, Subject: m.Subject,
		Time:    m.Received.In(berlin).Format("02.01.2006, 15:04:05 MST"),
		TimeISO: m.Received.Format(time.RFC3339),
	}
}
