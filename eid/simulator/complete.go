package simulator

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"

	"mvnk/eid"
)

// Complete implements eid.Bridge. The handle is used up: a callback
// replayed gets ErrUnknownHandle.
func (s *Simulator) Complete(ctx context.Context, handle string, _ *http.Request) (*eid.Result, error) {
	v, err := s.take(ctx, handle)
	if err != nil {
		return nil, err
	}
	switch v.State {
	case stateCancelled:
		return nil, eid.ErrCancelled
	case stateDone:
	default:
		return nil, eid.ErrUnknownHandle // the person has not finished
	}
	p, ok := personByID(v.Person)
	if !ok {
		return nil, eid.ErrUnknownHandle
	}
	if p.Level < v.Request.MinLevel {
		return nil, eid.ErrLevelTooLow
	}
	return s.result(p, v), nil
}

// result is what the card gives: the attributes asked for and allowed by
// the person, at the card's level.
func (s *Simulator) result(p person, v *vorgang) *eid.Result {
	res := &eid.Result{Level: p.Level, Means: p.Means, Claims: map[eid.Attr]eid.Claim{},
		AuthnInstant: s.Now().UTC()}
	res.Subject = eid.Subject{RestrictedID: s.restrictedID(p.ID), Sector: s.opts.Sector}
	if p.Means == eid.MeansEIDAS {
		res.Subject.EIDASID = "AT/DE/" + s.restrictedID(p.ID)[:16]
	}
	for a, req := range v.Request.Attributes {
		val, onChip := p.Data[a]
		if onChip && (req == eid.Required || slices.Contains(v.Allowed, a)) {
			res.Claims[a] = eid.Claim{Value: val, Level: p.Level, Source: Source}
		}
	}
	res.Raw, _ = json.Marshal(map[string]any{"simulator": true, "person": p.ID, "level": p.Level.String(),
		"restricted_id": res.Subject.RestrictedID, "attributes": res.Claims})
	return res
}

// errExpired marks an identification past its time.
var errExpired = errors.New("eid simulator: identification expired")
