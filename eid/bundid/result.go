package bundid

import (
	"fmt"
	"strings"

	"github.com/beevik/etree"
	"github.com/crewjam/saml"

	"mvnk/eid"
	"mvnk/eid/trust"
)

// attribute is one saml2:Attribute of the signed assertion.
type attribute struct {
	Value string
	Level trust.Level // from akdb:TrustLevel; None without one
}

// result reads the identification from the verified assertion.
func (b *Bridge) result(a *saml.Assertion, signed *signedElements, raw []byte, p pending) (*eid.Result, error) {
	el, err := signed.assertion(a.ID)
	if err != nil {
		return nil, err
	}
	attrs, err := attributes(el)
	if err != nil {
		return nil, err
	}
	level, err := assertionLevel(a, attrs)
	if err != nil {
		return nil, err
	}
	if level < p.MinLevel {
		return nil, fmt.Errorf("%w: %s proven, %s asked", eid.ErrLevelTooLow, level, p.MinLevel)
	}
	bpk2 := attrs[oidBPK2].Value
	if bpk2 == "" {
		return nil, fmt.Errorf("%w: no bPK2 in the assertion", ErrInvalidResponse)
	}
	return &eid.Result{
		Level:        level,
		Means:        provedBy[strings.ToLower(attrs[oidAssertionProvedBy].Value)],
		Subject:      eid.Subject{BPK2: bpk2, Sector: "bundid:" + b.cfg.EntityID},
		Claims:       claims(attrs),
		Raw:          raw,
		AuthnInstant: a.AuthnStatements[0].AuthnInstant,
	}, nil
}

// assertionLevel is the STORK AuthnContextClassRef of the assertion, the
// lowest if there are several, and never more than the attribute
// EID-CITIZEN-QAA-LEVEL says when BundID sends it.
func assertionLevel(a *saml.Assertion, attrs map[string]attribute) (trust.Level, error) {
	if len(a.AuthnStatements) == 0 {
		return 0, fmt.Errorf("%w: no AuthnStatement", ErrInvalidResponse)
	}
	level := trust.Hoch
	for _, s := range a.AuthnStatements {
		ref := ""
		if s.AuthnContext.AuthnContextClassRef != nil {
			ref = s.AuthnContext.AuthnContextClassRef.Value
		}
		l, v, ok := trust.Parse(ref)
		if !ok || v != trust.STORK {
			return 0, fmt.Errorf("%w: AuthnContextClassRef %q is no STORK level", ErrInvalidResponse, ref)
		}
		level = min(level, l)
	}
	if qaa, ok := attrs[oidCitizenQAALevel]; ok {
		if l, _, ok := trust.Parse(qaa.Value); ok {
			level = min(level, l)
		}
	}
	return level, nil
}

// attributes reads the assertion's attributes by normalised name.
func attributes(assertion *etree.Element) (map[string]attribute, error) {
	out := map[string]attribute{}
	for _, st := range children(assertion, "AttributeStatement") {
		for _, el := range children(st, "Attribute") {
			name := normalizeOID(el.SelectAttrValue("Name", ""))
			if _, dup := out[name]; dup {
				return nil, fmt.Errorf("%w: attribute %s twice", ErrInvalidResponse, name)
			}
			out[name] = attribute{Value: firstValue(el), Level: trustLevel(el)}
		}
	}
	return out, nil
}

// trustLevel is the akdb:TrustLevel of an attribute. Only the attribute in
// the akdb namespace counts (egov-standards §1.3): an un-namespaced
// TrustLevel, or one in another namespace, is ignored, and the attribute
// then counts as unverified (trust.None) — it is kept, but never becomes
// verified account data.
func trustLevel(el *etree.Element) trust.Level {
	for i := range el.Attr {
		a := &el.Attr[i]
		if a.Key != "TrustLevel" || a.Space == "" || a.NamespaceURI() != nsAKDB {
			continue
		}
		if l, v, ok := trust.Parse(a.Value); ok && v == trust.AKDB {
			return l
		}
	}
	return trust.None
}

func firstValue(el *etree.Element) string {
	if v := children(el, "AttributeValue"); len(v) > 0 {
		return strings.TrimSpace(v[0].Text())
	}
	return ""
}

// children are el's child elements named tag in the assertion namespace.
func children(el *etree.Element, tag string) []*etree.Element {
	var out []*etree.Element
	for _, c := range el.ChildElements() {
		if c.Tag == tag && c.NamespaceURI() == nsAssertion {
			out = append(out, c)
		}
	}
	return out
}

// claims are the personal attributes; the identifiers and the technical
// attributes are not claims.
func claims(attrs map[string]attribute) map[eid.Attr]eid.Claim {
	out := map[eid.Attr]eid.Claim{}
	for name, a := range attrs {
		if attr, ok := attrOf(name); ok && a.Value != "" {
			out[attr] = eid.Claim{Value: a.Value, Level: a.Level, Source: "bundid"}
		}
	}
	return out
}
