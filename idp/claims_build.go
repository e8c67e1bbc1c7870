package idp

import (
	"slices"
	"strings"
	"time"

	"mvnk/idp/account"
)

// claimValue is one claim's value with the weakest provenance of the
// attributes behind it (a built claim like name is only as verified as
// its least verified part).
type claimValue struct {
	value  any
	source string
	level  int
	at     time.Time
}

// buildClaims turns the granted names into claims: self-declared values
// plain, verified ones (level >= 3) inside verified_claims (OIDC4IDA 1.0
// §5), grouped by how they were verified. Absent data is left out.
func buildClaims(d *ClaimData, set claimSet) map[string]any {
	out := map[string]any{}
	groups := verifiedGroups{}
	for _, name := range append(slices.Clone(set.Plain), set.Verified...) {
		v, ok := d.value(name)
		switch {
		case !ok:
		case v.level >= levelVerified:
			groups.add(name, v)
		case slices.Contains(set.Plain, name):
			out[name] = v.value
		}
	}
	if vc := groups.claim(); vc != nil {
		out["verified_claims"] = vc
	}
	if set.Sector {
		d.addSector(out)
	}
	return out
}

// value is the claim name of d, if d has it.
func (d *ClaimData) value(name string) (claimValue, bool) {
	self := func(v any) (claimValue, bool) { return claimValue{value: v, source: "self", level: 1}, true }
	switch name {
	case "preferred_username":
		return self(d.Username)
	case "email":
		return self(d.Email)
	case "email_verified":
		return self(d.EmailVerified)
	case "name":
		return d.joined(account.AttrGivenName, account.AttrFamilyName)
	case "address":
		return d.address()
	case claimPostfachHandle: // the provider's own, never in verified_claims
		return claimValue{value: d.PostfachHandle, source: "mvnk", level: 1}, d.PostfachHandle != ""
	}
	a, ok := d.Attributes[name]
	if !ok || a.Value == "" {
		return claimValue{}, false
	}
	return claimValue{value: a.Value, source: a.Source, level: a.Level, at: a.VerifiedAt}, true
}

// joined builds the name claim (OIDC Core §5.1) from its parts; all must
// be there. The Doktorgrad stays in title: it may be proven otherwise.
func (d *ClaimData) joined(parts ...string) (claimValue, bool) {
	var words []string
	var v claimValue
	for _, name := range parts {
		a, ok := d.Attributes[name]
		if !ok || a.Value == "" {
			return claimValue{}, false
		}
		words = append(words, a.Value)
		v = v.weakest(a)
	}
	v.value = strings.Join(words, " ")
	return v, true
}

// address is the address claim (OIDC Core §5.1.1) of the members there.
func (d *ClaimData) address() (claimValue, bool) {
	addr := map[string]string{}
	var v claimValue
	for _, name := range addressMembers {
		if a, ok := d.Attributes[name]; ok && a.Value != "" {
			addr[name] = a.Value
			v = v.weakest(a)
		}
	}
	v.value = addr
	return v, len(addr) > 0
}

// weakest folds one more attribute into v: the lower level wins, a mixed
// source is no single source, the latest proof time counts.
func (v claimValue) weakest(a ClaimAttribute) claimValue {
	switch {
	case v.source == "":
		v.source, v.level = a.Source, a.Level
	case a.Level < v.level:
		v.level = a.Level
	}
	if v.source != a.Source {
		v.source, v.level = "self", min(v.level, 1)
	}
	if a.VerifiedAt.After(v.at) {
		v.at = a.VerifiedAt
	}
	return v
}
