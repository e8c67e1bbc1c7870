package console

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"mvnk/idp/login"
)

const (
	pathSessions   = Path + "/sitzungen"
	pathSessionEnd = pathSessions + "/beenden"
)

func (c *Console) mountSessions(mux *http.ServeMux) {
	mux.HandleFunc("GET "+pathSessions, c.viewer(c.showSessions))
	mux.HandleFunc("POST "+pathSessionEnd, c.viewer(c.endSession))
	mux.HandleFunc("POST "+pathExtend, c.extendSession)
}

type sessionsPage struct {
	consolePage
	Sessions []sessionRow
	Ended    bool
}

// sessionRow is one login session as the page shows it.
type sessionRow struct {
	login.Session
	Current bool
}

func (c *Console) showSessions(w http.ResponseWriter, r *http.Request, v *Viewer) {
	list, err := c.Login.Sessions.List(r.Context(), v.Account.ID)
	if err != nil {
		c.Portal.ServerError(w, r, err)
		return
	}
	page := &sessionsPage{Ended: r.URL.Query().Get("beendet") == "1"}
	for _, s := range list {
		page.Sessions = append(page.Sessions, sessionRow{Session: s, Current: s.SID == v.Session.SID})
	}
	c.Portal.Render(w, r, http.StatusOK, "sitzungen", page)
}

// endSession ends one session of the account ("abmelden"). Ending the
// browser's own logs it out here too.
func (c *Console) endSession(w http.ResponseWriter, r *http.Request, v *Viewer) {
	sid := r.PostFormValue("sid")
	if sid == v.Session.SID {
		if err := c.Login.EndSession(w, r, sid); err != nil {
			c.Portal.ServerError(w, r, err)
			return
		}
		http.Redirect(w, r, "/anmelden", http.StatusSeeOther)
		return
	}
	err := c.Login.Sessions.EndSID(r.Context(), v.Account.ID, sid)
	if err != nil && !errors.Is(err, login.ErrNoSession) { // already ended: the same result
		c.Portal.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, pathSessions+"?beendet=1", http.StatusSeeOther)
}

// Methods names the authentication methods (RFC 8176) for people.
func (p *consolePage) Methods(amr []string) string {
	names := make([]string, 0, len(amr))
	for _, m := range amr {
		names = append(names, texts.Text("amr."+m, p.Lang))
	}
	return strings.Join(slices.Compact(names), ", ")
}

// When is a time for people, in German time (Europe/Berlin).
func (p *consolePage) When(t time.Time) string {
	if p.Lang == "en" {
		return t.In(berlin()).Format("2 January 2006, 15:04")
	}
	return t.In(berlin()).Format("02.01.2006, 15:04 Uhr")
}

// berlin is the time zone of the pages; UTC where the system has no
// zone data.
var berlin = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		return time.UTC
	}
	return loc
})
