package bundid

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/beevik/etree"
	"github.com/crewjam/saml"
	dsig "github.com/russellhaering/goxmldsig"

	"mvnk/eid"
	"mvnk/eid/trust"
	"mvnk/store"
)

// Begin signs an AuthnRequest for r and returns the form that posts it to
// BundID (SAML HTTP-POST binding, RelayState = the handle). The request ID
// is stored under the handle for Complete.
func (b *Bridge) Begin(ctx context.Context, r eid.Request) (eid.Start, error) {
	if r.ReturnURL == "" {
		return eid.Start{}, errors.New("bundid: the request has no ReturnURL (the ACS URL)")
	}
	r.MinLevel = max(r.MinLevel, trust.Basis)
	req := b.authnRequest(r)
	el, err := b.signedElement(req, b.extensions(r))
	if err != nil {
		return eid.Start{}, fmt.Errorf("bundid: sign AuthnRequest: %w", err)
	}
	doc := etree.NewDocument()
	doc.SetRoot(el)
	xml, err := doc.WriteToBytes()
	if err != nil {
		return eid.Start{}, err
	}
	handle, now := store.NewID(), b.cfg.Now()
	p := pending{RequestID: req.ID, MinLevel: r.MinLevel, ReturnURL: r.ReturnURL, ExpiresAt: now.Add(b.cfg.TTL)}
	if err := b.store.Put(ctx, handle, p, now); err != nil {
		return eid.Start{}, fmt.Errorf("bundid: store request: %w", err)
	}
	return eid.Start{Handle: handle, FormPost: &eid.FormPost{
		Action: b.cfg.IdP.SSOURL,
		Fields: map[string]string{"SAMLRequest": base64.StdEncoding.EncodeToString(xml), "RelayState": handle},
	}}, nil
}

// authnRequest: ForceAuthn (a step-up must identify anew, egov-standards
// §1.4), a transient NameID (the subject is the bPK2 attribute), and the
// STORK minimum level.
func (b *Bridge) authnRequest(r eid.Request) *saml.AuthnRequest {
	yes, transient := true, string(saml.TransientNameIDFormat)
	return &saml.AuthnRequest{
		ID:                          newRequestID(),
		Version:                     "2.0",
		IssueInstant:                b.cfg.Now().UTC(),
		Destination:                 b.cfg.IdP.SSOURL,
		Issuer:                      &saml.Issuer{Value: b.cfg.EntityID},
		NameIDPolicy:                &saml.NameIDPolicy{Format: &transient, AllowCreate: &yes},
		ForceAuthn:                  &yes,
		AssertionConsumerServiceURL: r.ReturnURL,
		ProtocolBinding:             saml.HTTPPostBinding,
		RequestedAuthnContext: &saml.RequestedAuthnContext{
			Comparison:            "minimum",
			AuthnContextClassRefs: []string{r.MinLevel.Name(trust.STORK)},
		},
	}
}

// newRequestID: an xs:ID must not start with a digit.
func newRequestID() string {
	var b [20]byte
	_, _ = rand.Read(b[:])
	return "id-" + hex.EncodeToString(b[:])
}

// signedElement renders req with the BundID prefixes, puts ext where the
// schema wants it (right after Issuer, before NameIDPolicy and
// RequestedAuthnContext: saml-core §3.2.1, §3.4.1) and signs the whole
// (enveloped, the Signature after Issuer as saml-core §3.2.1 orders it).
func (b *Bridge) signedElement(req *saml.AuthnRequest, ext *etree.Element) (*etree.Element, error) {
	el := req.Element()
	bundIDPrefixes(el)
	el.InsertChildAt(1, ext)
	ctx, err := saml.GetSigningContext(&saml.ServiceProvider{
		Key: b.cfg.Key, Certificate: b.cfg.Certificate, SignatureMethod: b.signatureMethod(),
	})
	if err != nil {
		return nil, err
	}
	signed, err := ctx.SignEnveloped(el)
	if err != nil {
		return nil, err
	}
	sig := signed.RemoveChildAt(len(signed.Child) - 1)
	signed.InsertChildAt(1, sig)
	return signed, nil
}

func (b *Bridge) signatureMethod() string {
	if _, ok := b.cfg.Key.Public().(*ecdsa.PublicKey); ok {
		return dsig.ECDSASHA256SignatureMethod
	}
	return dsig.RSASHA256SignatureMethod
}

// bundIDPrefixes writes the SAML namespaces with the prefixes of the
// BundID documentation (saml2p, saml2); the namespaces are unchanged.
func bundIDPrefixes(el *etree.Element) {
	rename := map[string]string{"samlp": "saml2p", "saml": "saml2"}
	for _, e := range append([]*etree.Element{el}, el.FindElements(".//*")...) {
		if p, ok := rename[e.Space]; ok {
			e.Space = p
		}
	}
	for i, a := range el.Attr {
		if p, ok := rename[a.Key]; ok && a.Space == "xmlns" {
			el.Attr[i].Key = p
		}
	}
}
