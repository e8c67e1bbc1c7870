package tr03130

import (
	"fmt"
	"strings"

	"mvnk/eid"
	"mvnk/eid/trust"
)

// result turns a final getResult answer into the bridge's Result.
func (b *Bridge) result(s session, resp *getResultResponse, raw []byte) (*eid.Result, error) {
	if err := check("getResult", resp.Result); err != nil {
		return nil, err
	}
	level, err := resultLevel(resp)
	if err != nil {
		return nil, err
	}
	if level < s.MinLevel {
		return nil, fmt.Errorf("%w: %s proven, %s asked", eid.ErrLevelTooLow, level, s.MinLevel)
	}
	pd := resp.PersonalData
	if pd == nil || pd.RestrictedID == nil || pd.RestrictedID.ID == "" ||
		resp.AllowedByUser.value("RestrictedID") != "ALLOWED" {
		return nil, fmt.Errorf("%w: getResult: no RestrictedID", ErrServer)
	}
	return &eid.Result{
		Level:        level,
		Means:        means(resp),
		Subject:      eid.Subject{RestrictedID: strings.ToLower(pd.RestrictedID.ID), Sector: b.cfg.Sector},
		Claims:       claims(pd, resp.AllowedByUser, level),
		Raw:          raw,
		AuthnInstant: b.now().UTC(),
	}, nil
}

// resultLevel reads LevelOfAssuranceResult (a BSI or eIDAS LoA URI). An
// eID-Server that does not support levels sends none; then the card
// type decides: a chip card is hoch, a secure-element eID (Smart-eID)
// substanziell (egov-standards §1.2).
func resultLevel(resp *getResultResponse) (trust.Level, error) {
	name := strings.TrimSpace(resp.LevelResult)
	if name == "" {
		name = strings.TrimSpace(resp.LevelResponse)
	}
	if name == "" {
		if means(resp) == eid.MeansSmartEID {
			return trust.Substanziell, nil
		}
		return trust.Hoch, nil
	}
	l, v, ok := trust.Parse(name)
	if !ok || (v != trust.BSI && v != trust.EIDAS) {
		return trust.None, fmt.Errorf("%w: getResult: unknown level of assurance %q", ErrServer, name)
	}
	return l, nil
}

// means: the eID on a phone's secure element is Smart-eID (EIDTypeResponse).
func means(resp *getResultResponse) eid.Means {
	t := resp.EIDTypeResponse
	if t.value("SECertified") == "USED" || t.value("SEEndorsed") == "USED" {
		return eid.MeansSmartEID
	}
	return eid.MeansEID
}
