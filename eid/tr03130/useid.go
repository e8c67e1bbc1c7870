package tr03130

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"

	"mvnk/eid"
	"mvnk/eid/trust"
	"mvnk/store"
)

// dataGroups are the UseOperations in the schema's order
// (OperationsRequestorType), with the attributes each one carries.
var dataGroups = []struct {
	name  string
	attrs []eid.Attr
}{
	{"DocumentType", []eid.Attr{eid.DocumentType}},
	{"IssuingState", []eid.Attr{eid.IssuingState}},
	{"DateOfExpiry", []eid.Attr{eid.DateOfExpiry}},
	{"GivenNames", []eid.Attr{eid.GivenNames}},
	{"FamilyNames", []eid.Attr{eid.FamilyNames}},
	{"ArtisticName", []eid.Attr{eid.ArtisticName}},
	{"AcademicTitle", []eid.Attr{eid.AcademicTitle}},
	{"DateOfBirth", []eid.Attr{eid.DateOfBirth}},
	{"PlaceOfBirth", []eid.Attr{eid.PlaceOfBirth}},
	{"Nationality", []eid.Attr{eid.Nationality}},
	{"BirthName", []eid.Attr{eid.BirthName}},
	{"PlaceOfResidence", []eid.Attr{eid.StreetAddress, eid.PostalCode, eid.Locality, eid.Country}},
	{"CommunityID", []eid.Attr{eid.CommunityID}},
	{"ResidencePermitI", []eid.Attr{eid.ResidencePermit}},
	{"RestrictedID", nil}, // always: it is the subject
}

// useOperations asks for each data group as the strongest requirement of
// its attributes; a group no attribute asks for is PROHIBITED (data
// minimisation, egov-standards §7.2).
func useOperations(attrs map[eid.Attr]eid.Requirement) []operation {
	ops := make([]operation, 0, len(dataGroups))
	for _, g := range dataGroups {
		req := eid.Requirement(0)
		for _, a := range g.attrs {
			req = max(req, attrs[a])
		}
		value := map[eid.Requirement]string{0: "PROHIBITED", eid.Allowed: "ALLOWED", eid.Required: "REQUIRED"}[req]
		if g.attrs == nil {
			value = "REQUIRED"
		}
		ops = append(ops, operation{XMLName: xml.Name{Local: "eid:" + g.name}, Value: value})
	}
	return ops
}

// Begin opens a session at the eID-Server (useID) and sends the browser
// to the local eID-Client with our TC Token URL.
func (b *Bridge) Begin(ctx context.Context, r eid.Request) (eid.Start, error) {
	if u, err := url.Parse(r.ReturnURL); err != nil || !u.IsAbs() {
		return eid.Start{}, errors.New("tr03130: Request.ReturnURL must be an absolute URL")
	}
	resp, err := b.useID(ctx, r)
	if err != nil {
		return eid.Start{}, err
	}
	handle := store.NewID()
	if err := b.saveSession(ctx, handle, r, resp); err != nil {
		return eid.Start{}, err
	}
	return eid.Start{RedirectURL: eIDClientURL + "?tcTokenURL=" + url.QueryEscape(b.tcTokenURL(handle)), Handle: handle}, nil
}

func (b *Bridge) useID(ctx context.Context, r eid.Request) (*useIDResponse, error) {
	attrs := r.Attributes
	if len(attrs) == 0 {
		attrs = b.cfg.Attributes
	}
	req := &useIDRequest{UseOperations: useOperations(attrs)}
	if r.MinLevel > trust.None {
		req.LevelOfAssurance = r.MinLevel.Name(trust.BSI)
	}
	env, _, err := b.call(ctx, bodyOut{UseID: req})
	if err != nil {
		return nil, err
	}
	resp := env.Body.UseID
	if resp == nil {
		return nil, fmt.Errorf("%w: useID: no useIDResponse", ErrServer)
	}
	if err := check("useID", resp.Result); err != nil {
		return nil, err
	}
	if resp.SessionID == "" || resp.PSKID == "" || resp.PSKKey == "" || resp.ECardServerAddress == "" {
		return nil, fmt.Errorf("%w: useID: response lacks Session, PSK or eCardServerAddress", ErrServer)
	}
	return resp, nil
}

func (b *Bridge) saveSession(ctx context.Context, handle string, r eid.Request, resp *useIDResponse) error {
	sealed, err := b.sealer.Seal([]byte(resp.PSKKey), pskAD(handle))
	if err != nil {
		return fmt.Errorf("tr03130: seal PSK: %w", err)
	}
	now := b.now()
	return b.sessions.create(ctx, session{
		Handle: handle, SessionID: resp.SessionID, PSKID: resp.PSKID, PSKSealed: sealed,
		ServerAddress: resp.ECardServerAddress, ReturnURL: r.ReturnURL, MinLevel: r.MinLevel,
		CreatedAt: now, ExpiresAt: now.Add(b.cfg.SessionTTL),
	})
}

// pskAD binds a sealed PSK to its session row.
func pskAD(handle string) string { return "eid-tr03130-psk/" + handle }

func (b *Bridge) tcTokenURL(handle string) string {
	return b.cfg.RefreshBaseURL + TCTokenPath + "?" + url.Values{handleParam: {handle}}.Encode()
}
