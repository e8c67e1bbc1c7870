package bundid

import (
	"crypto/x509"
	"errors"
	"time"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
)

// nsAssertion is the SAML assertion namespace.
const nsAssertion = "urn:oasis:names:tc:SAML:2.0:assertion"

// signedElements is the SP's signature verifier: dsig's own validation,
// keeping what each signature covers. crewjam/saml's Assertion drops the
// akdb:TrustLevel attributes, so they are read from these elements, and
// only from them: nothing a signature does not cover is ever trusted.
type signedElements struct{ els []*etree.Element }

func (s *signedElements) VerifySignature(ctx *dsig.ValidationContext, el *etree.Element) error {
	_, err := s.VerifySignedElement(ctx, el)
	return err
}

// VerifySignedElement tries each trusted certificate on its own when the
// first attempt fails, for a signature without a certificate in KeyInfo
// during a key rollover (dsig then cannot pick among several roots).
func (s *signedElements) VerifySignedElement(ctx *dsig.ValidationContext, el *etree.Element) (*etree.Element, error) {
	signed, err := ctx.Validate(el)
	if err != nil {
		signed, err = eachRoot(ctx, el, err)
	}
	if err != nil {
		return nil, err
	}
	s.els = append(s.els, signed)
	return signed, nil
}

func eachRoot(ctx *dsig.ValidationContext, el *etree.Element, first error) (*etree.Element, error) {
	roots, err := ctx.CertificateStore.Certificates()
	if err != nil || len(roots) < 2 {
		return nil, first
	}
	for _, root := range roots {
		one := *ctx
		one.CertificateStore = &dsig.MemoryX509CertificateStore{Roots: []*x509.Certificate{root}}
		if signed, err := one.Validate(el); err == nil {
			return signed, nil
		}
	}
	return nil, first
}

// assertion is the signed element of the assertion with id: the assertion
// itself, or a child of a signed Response.
func (s *signedElements) assertion(id string) (*etree.Element, error) {
	for _, el := range s.els {
		if isAssertion(el, id) {
			return el, nil
		}
		if el.Tag == "Response" {
			for _, c := range el.ChildElements() {
				if isAssertion(c, id) {
					return c, nil
				}
			}
		}
	}
	return nil, errors.New("bundid: the assertion is not covered by a signature")
}

func isAssertion(el *etree.Element, id string) bool {
	return el.Tag == "Assertion" && el.NamespaceURI() == nsAssertion && el.SelectAttrValue("ID", "") == id
}

// clock is one instant for the whole check of a response.
func clock(now func() time.Time) *dsig.Clock { return dsig.NewFakeClockAt(now()) }
