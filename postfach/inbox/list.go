package inbox

import (
	"net/http"
	"time"

	"mvnk/eid/trust"
	"mvnk/portal"
	"mvnk/postfach"
)

type listPage struct {
	basePage
	Unread   int
	Query    listQuery
	Kinds    []postfach.Kind
	Senders  []string
	Rows     []listRow
	NextURL  string // "" on the last page
	FirstURL string // "" on the first page
	Deleted  bool
	// Timeline is the Vorgang's status updates when the list is
	// filtered by it: a Vorgang with updates but no message shows too.
	Timeline []postfach.StatusUpdate
}

// listRow is one message as the list shows it. A message above the
// session's level carries no subject: it never reaches the template.
type listRow struct {
	ID       string
	Date     time.Time
	Sender   string
	Kind     postfach.Kind
	Subject  string
	Locked   bool
	Required trust.Level
	State    string // text key
	Unread   bool
}

func (ib *Inbox) showList(w http.ResponseWriter, r *http.Request, rd Reader) {
	q, errs := parseListQuery(r)
	page := &listPage{basePage: basePage{portal.Page{Errors: errs}}, Query: q, Kinds: postfach.Kinds,
		Deleted: r.URL.Query().Get("geloescht") == "1"}
	if err := ib.fillList(r, rd, page); err != nil {
		ib.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
	}
	ib.Portal.Render(w, r, status, "postfach", page)
}

// fillList loads the count, the senders and, with a valid filter, the
// Vorgang's timeline and the page of messages.
func (ib *Inbox) fillList(r *http.Request, rd Reader, page *listPage) error {
	ctx := r.Context()
	var err error
	if page.Unread, err = ib.Store.Unread(ctx, rd.AccountID); err != nil {
		return err
	}
	if page.Senders, err = ib.Store.Senders(ctx, rd.AccountID); err != nil {
		return err
	}
	if len(page.Errors) > 0 {
		return nil
	}
	if page.Query.Vorgang != "" {
		if page.Timeline, err = ib.Store.Timeline(ctx, rd.AccountID, page.Query.Vorgang); err != nil {
			return err
		}
	}
	filter := page.Query.Filter()
	filter.Level = rd.Level // search never looks into what the session may not read
	res, err := ib.Store.List(ctx, rd.AccountID, filter)
	if err != nil {
		return err
	}
	for _, m := range res.Messages {
		page.Rows = append(page.Rows, newListRow(m, rd.Level))
	}
	if res.Next != nil {
		page.NextURL = page.Query.nextURL(res.Next)
	}
	if page.Query.After != nil {
		page.FirstURL = page.Query.URL()
	}
	return nil
}

func newListRow(m *postfach.Message, level trust.Level) listRow {
	row := listRow{ID: m.ID, Date: m.ProvidedAt, Sender: m.Sender.Name, Kind: m.Kind,
		Locked: !m.Readable(level), Required: m.RequiredLevel, State: stateKey(m),
		Unread: m.FirstRetrievedAt == nil}
	if !row.Locked {
		row.Subject = m.Subject
	}
	return row
}

// stateKey is the text key of where a message stands for the citizen.
func stateKey(m *postfach.Message) string {
	switch {
	case m.State == postfach.NichtAbgerufen:
		return "state.not_retrieved"
	case m.State == postfach.Bekanntgegeben:
		return "state.bekanntgegeben"
	case m.FirstRetrievedAt == nil:
		return "state.unread"
	}
	return "state.read"
}
