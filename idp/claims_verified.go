package idp

import (
	"cmp"
	"slices"
	"time"
)

// trustFramework is the OIDC4IDA trust framework of verified claims. Of
// the predefined values (OIDF eKYC-IDA identifiers), "eidas" fits: the
// German eID (Online-Ausweis) is notified under eIDAS (Regulation (EU)
// No 910/2014), and the Vertrauensniveaus substanziell and hoch of
// egov-standards §1.1 are its levels of assurance (TR-03107-1). "de_aml"
// would claim identification under the Geldwäschegesetz, which an
// e-government account does not perform.
const trustFramework = "eidas"

// assuranceLevels are eIDAS levels of assurance (Art. 8) by trust level.
var assuranceLevels = map[int]string{3: "substantial", 4: "high"}

// verificationKey groups verified claims that were proven the same way.
type verificationKey struct {
	source string
	level  int
}

type verifiedGroup struct {
	claims map[string]any
	at     time.Time // the latest proof among them
}

// verifiedGroups collects verified claims per way of proof.
type verifiedGroups map[verificationKey]*verifiedGroup

func (g verifiedGroups) add(name string, v claimValue) {
	k := verificationKey{v.source, v.level}
	if g[k] == nil {
		g[k] = &verifiedGroup{claims: map[string]any{}}
	}
	g[k].claims[name] = v.value
	if v.at.After(g[k].at) {
		g[k].at = v.at
	}
}

// claim is the verified_claims claim (OIDC4IDA 1.0 §5): one object, or an
// array of them when the claims were proven in different ways.
func (g verifiedGroups) claim() any {
	keys := make([]verificationKey, 0, len(g))
	for k := range g {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b verificationKey) int {
		return cmp.Or(cmp.Compare(b.level, a.level), cmp.Compare(a.source, b.source))
	})
	var list []map[string]any
	for _, k := range keys {
		list = append(list, map[string]any{"verification": verification(k, g[k].at), "claims": g[k].claims})
	}
	switch len(list) {
	case 0:
		return nil
	case 1:
		return list[0]
	}
	return list
}

// verification is the verification element (OIDC4IDA 1.0 §5.1).
func verification(k verificationKey, at time.Time) map[string]any {
	v := map[string]any{"trust_framework": trustFramework, "evidence": []any{evidence(k.source)}}
	if level, ok := assuranceLevels[min(k.level, 4)]; ok {
		v["assurance_level"] = level
	}
	if !at.IsZero() {
		v["time"] = at.UTC().Format(time.RFC3339)
	}
	return v
}

// evidence says what the proof rested on (OIDC4IDA 1.0 §5.1.1): the eID
// is an identity document whose chip was validated cryptographically
// (check_method "vcrypt"); any other source is an electronic record.
func evidence(source string) map[string]any {
	if source == "eid" {
		return map[string]any{"type": "document",
			"check_details":    []any{map[string]any{"check_method": "vcrypt"}},
			"document_details": map[string]any{"type": "idcard"}}
	}
	return map[string]any{"type": "electronic_record",
		"record": map[string]any{"source": map[string]any{"name": source}}}
}

// evidenceSupported and documentsSupported are advertised in discovery.
var evidenceSupported = []string{"document", "electronic_record"}
