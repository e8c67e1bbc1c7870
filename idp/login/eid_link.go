package login

import (
	"context"
	"errors"
	"net/http"
	"slices"

	"mvnk/audit"
	"mvnk/eid"
	"mvnk/eid/trust"
	"mvnk/idp/account"
)

// eidIdentity is the identifier an identification is linked by, never
// the e-mail address: a sector-specific pseudonym (egov-standards §2.4).
type eidIdentity struct {
	Sector, Subject string
	Attr, Source    string // the attribute holding it in clear; "" for none
}

func (l *Login) eidIdentity(res *eid.Result) eidIdentity {
	s := res.Subject
	sector := s.Sector
	if sector == "" {
		sector = l.Bridge.Name()
	}
	switch {
	case s.RestrictedID != "":
		return eidIdentity{"rid:" + sector, s.RestrictedID, attrRestrictedID, "eid"}
	case s.BPK2 != "":
		return eidIdentity{"bpk2:" + sector, s.BPK2, attrBPK2, "bundid"}
	}
	return eidIdentity{Sector: "eidas", Subject: s.EIDASID}
}

// linkEID links the identifier to the account, with an audit event
// either way.
func (l *Login) linkEID(r *http.Request, accountID string, id eidIdentity) error {
	err := l.Accounts.Store.LinkEID(r.Context(), accountID, id.Sector, id.Subject)
	typ := "eid.link.created"
	if errors.Is(err, account.ErrLinkedElsewhere) {
		typ = "eid.link.refused"
	} else if err != nil {
		return err
	}
	l.record(r, audit.Event{Type: typ, Actor: accountID, Details: map[string]string{"sector": id.Sector}})
	if err == nil && id.Attr != "" {
		err = l.setEIDAttr(r.Context(), accountID, account.Attribute{Name: id.Attr, Value: id.Subject,
			Source: id.Source, Level: account.LevelHoch})
	}
	return err
}

// writeEIDAttributes stores the proven attributes with level and source
// and raises the account's trust level; they are read-only in "Mein
// Konto" from now on, changed only by identifying again.
func (l *Login) writeEIDAttributes(ctx context.Context, accountID string, res *eid.Result) error {
	for a, c := range res.Claims {
		name, ok := eidClaimNames[a]
		if !ok || c.Value == "" {
			continue
		}
		at := account.Attribute{Name: name, Value: c.Value, Source: c.Source, Level: int(min(c.Level, trust.Hoch))}
		if at.Source == "" {
			at.Source = l.Bridge.Name()
		}
		if err := l.setEIDAttr(ctx, accountID, at); err != nil {
			return err
		}
	}
	_, err := l.Accounts.Store.Update(ctx, accountID, func(a *account.Account) error {
		a.TrustLevel = max(a.TrustLevel, int(res.Level))
		return nil
	})
	return err
}

// setEIDAttr ignores a value proven at a higher level already.
func (l *Login) setEIDAttr(ctx context.Context, accountID string, at account.Attribute) error {
	if err := l.Accounts.Store.SetAttribute(ctx, accountID, at); err != nil && !errors.Is(err, account.ErrLowerLevel) {
		return err
	}
	return nil
}

// union is amr with the means added once (RFC 8176; "eid" as
// egov-standards §1.4 uses it).
func union(amr []string, means string) []string {
	out := slices.Clone(amr)
	if !slices.Contains(out, means) {
		out = append(out, means)
	}
	return out
}
