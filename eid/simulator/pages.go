package simulator

import (
	"errors"
	"net/http"
	"net/url"

	"mvnk/eid"
	"mvnk/portal"
)

// simPage is the data of every simulator page.
type simPage struct {
	portal.Page
	Vorgang   string
	Requester string // who asks (eid.Request.DisplayName)
	Level     string // the level asked for, German
	Persons   []person
	Person    person
	Attrs     []attrRow
	PIN       string
	Remaining int // PIN tries left
}

// Msg translates a form error.
func (p *simPage) Msg(e portal.FieldError) string { return texts.Text(e.Key, p.Lang, e.Args...) }

// Field is a field's error state for the field templates.
func (p *simPage) Field(id string) portal.FieldState { return texts.FieldState(&p.Page, id) }

// AttrLabel names an attribute in the page's language.
func (p *simPage) AttrLabel(a eid.Attr) string { return texts.Text("attr."+string(a), p.Lang) }

// ServeHTTP serves the simulator's pages at Path (the login mounts it).
func (s *Simulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		s.show(w, r, r.URL.Query().Get("vorgang"))
	case http.MethodPost:
		s.submit(w, r)
	default:
		w.Header().Set("Allow", "GET, HEAD, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// show renders the step the identification is at.
func (s *Simulator) show(w http.ResponseWriter, r *http.Request, handle string) {
	v, err := s.load(r.Context(), handle)
	if err != nil {
		s.failed(w, r, err)
		return
	}
	data := s.pageData(v)
	switch v.State {
	case stateNew:
		s.portal.Render(w, r, http.StatusOK, "eid-simulator-person", data)
	case statePerson:
		s.portal.Render(w, r, http.StatusOK, "eid-simulator-daten", data)
	case stateConsented:
		s.showPIN(w, r, data, http.StatusOK)
	default:
		s.finish(w, r, v)
	}
}

func (s *Simulator) pageData(v *vorgang) *simPage {
	p, _ := personByID(v.Person)
	return &simPage{Page: portal.Page{ReturnTo: Path + "?vorgang=" + url.QueryEscape(v.Handle)},
		Vorgang: v.Handle, Requester: v.Request.DisplayName, Level: v.Request.MinLevel.German(),
		Persons: persons, Person: p, Attrs: rows(v.Request, p), PIN: TestPIN}
}

// failed: an unknown or expired identification, or a server error.
func (s *Simulator) failed(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, eid.ErrUnknownHandle) {
		s.portal.Render(w, r, http.StatusNotFound, "eid-simulator-abgelaufen", &simPage{})
		return
	}
	s.portal.ServerError(w, r, err)
}

// finish sends the browser back to the login with the handle (and the
// cancel marker), where Complete runs.
func (s *Simulator) finish(w http.ResponseWriter, r *http.Request, v *vorgang) {
	u, err := url.Parse(v.Request.ReturnURL)
	if err != nil {
		s.portal.ServerError(w, r, err)
		return
	}
	q := u.Query()
	q.Set("vorgang", v.Handle)
	if v.State == stateCancelled {
		q.Set("abbruch", "1")
	}
	u.RawQuery = q.Encode()
	http.Redirect(w, r, u.String(), http.StatusSeeOther)
}
