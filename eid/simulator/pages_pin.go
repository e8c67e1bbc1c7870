package simulator

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"mvnk/portal"
)

// checkPIN takes the PIN: right, the identification is done; wrong, one
// try less; the third wrong PIN blocks the card, on every node.
func (s *Simulator) checkPIN(w http.ResponseWriter, r *http.Request, v *vorgang) {
	ctx, data := r.Context(), s.pageData(v)
	if v.State != stateConsented {
		s.show(w, r, v.Handle)
		return
	}
	failures, err := s.pinFailures(ctx, v.Person)
	if err != nil || failures >= maxPINFailures {
		s.blockedOr(w, r, data, err)
		return
	}
	pin := strings.TrimSpace(r.PostFormValue("pin"))
	if subtle.ConstantTimeCompare([]byte(pin), []byte(TestPIN)) == 1 {
		if err = s.pinRight(ctx, v.Person); err == nil {
			err = s.advance(ctx, v, stateConsented, stateDone)
		}
		if err != nil {
			s.failed(w, r, err)
			return
		}
		s.show(w, r, v.Handle)
		return
	}
	if failures, err = s.pinWrong(ctx, v.Person); err != nil || failures >= maxPINFailures {
		s.blockedOr(w, r, data, err)
		return
	}
	data.Errors = []portal.FieldError{{Field: "pin", Key: msgPINWrong, Args: []any{maxPINFailures - failures}}}
	s.showPIN(w, r, data, http.StatusUnprocessableEntity)
}

func (s *Simulator) blockedOr(w http.ResponseWriter, r *http.Request, data *simPage, err error) {
	if err != nil {
		s.portal.ServerError(w, r, err)
		return
	}
	s.portal.Render(w, r, http.StatusForbidden, "eid-simulator-gesperrt", data)
}

// showPIN is the PIN page, or the blocked card's.
func (s *Simulator) showPIN(w http.ResponseWriter, r *http.Request, data *simPage, status int) {
	failures, err := s.pinFailures(r.Context(), data.Person.ID)
	if err != nil || failures >= maxPINFailures {
		s.blockedOr(w, r, data, err)
		return
	}
	data.Remaining = maxPINFailures - failures
	s.portal.Render(w, r, status, "eid-simulator-pin", data)
}
