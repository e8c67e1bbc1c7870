package simulator

import (
	"errors"
	"net/http"
	"slices"

	"mvnk/eid"
	"mvnk/portal"
)

// submit runs one step's form (Protect has checked the CSRF token).
func (s *Simulator) submit(w http.ResponseWriter, r *http.Request) {
	v, err := s.load(r.Context(), r.PostFormValue("vorgang"))
	if err != nil {
		s.failed(w, r, err)
		return
	}
	switch r.PostFormValue("aktion") {
	case "abbrechen":
		err = s.advance(r.Context(), v, v.State, stateCancelled)
	case "person":
		err = s.choosePerson(w, r, v)
	case "daten":
		v.Allowed = allowedBy(r, v.Request)
		err = s.advance(r.Context(), v, statePerson, stateConsented)
	case "zurueck":
		v.Person, v.Allowed = "", nil
		err = s.advance(r.Context(), v, v.State, stateNew)
	case "pin":
		s.checkPIN(w, r, v)
		return
	}
	if err != nil && !errors.Is(err, errShown) {
		s.failed(w, r, err)
		return
	}
	if err == nil {
		s.show(w, r, v.Handle)
	}
}

// errShown: the step has answered already (a form error).
var errShown = errors.New("simulator: the form was shown again")

func (s *Simulator) choosePerson(w http.ResponseWriter, r *http.Request, v *vorgang) error {
	p, ok := personByID(r.PostFormValue("person"))
	if !ok {
		data := s.pageData(v)
		data.Errors = []portal.FieldError{{Field: "person-" + persons[0].ID, Key: msgChoosePerson}}
		s.portal.Render(w, r, http.StatusUnprocessableEntity, "eid-simulator-person", data)
		return errShown
	}
	v.Person = p.ID
	return s.advance(r.Context(), v, stateNew, statePerson)
}

// allowedBy are the Allowed attributes the person left ticked
// (OperationsAllowedByUser); Required ones are not the person's to drop.
func allowedBy(r *http.Request, req eid.Request) []eid.Attr {
	var out []eid.Attr
	for _, a := range r.PostForm["attr"] {
		if req.Attributes[eid.Attr(a)] == eid.Allowed && !slices.Contains(out, eid.Attr(a)) {
			out = append(out, eid.Attr(a))
		}
	}
	return out
}
