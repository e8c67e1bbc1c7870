package bundid

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/crewjam/saml"

	"mvnk/eid"
)

// ErrInvalidResponse: the response failed verification (signature,
// audience, destination, InResponseTo, validity, replay); errors.Is also
// matches crewjam/saml's reason (saml.ErrInvalidSignature, …).
var ErrInvalidResponse = errors.New("bundid: invalid SAML response")

// Complete verifies the response posted to the ACS for handle and reads
// the identification from the verified assertion. The request of handle
// is used up whatever the outcome, so a response is accepted once.
func (b *Bridge) Complete(ctx context.Context, handle string, cb *http.Request) (*eid.Result, error) {
	if err := cb.ParseForm(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidResponse, err)
	}
	if rs := cb.PostForm.Get("RelayState"); rs != "" && rs != handle {
		return nil, eid.ErrUnknownHandle
	}
	p, err := b.store.Take(ctx, handle, b.cfg.Now())
	if err != nil {
		return nil, err
	}
	raw, err := base64.StdEncoding.DecodeString(cb.PostForm.Get("SAMLResponse"))
	if err != nil {
		return nil, fmt.Errorf("%w: SAMLResponse is not base64: %w", ErrInvalidResponse, err)
	}
	sp, signed, err := b.serviceProvider(ctx, p.ReturnURL)
	if err != nil {
		return nil, err
	}
	assertion, err := sp.ParseResponse(cb, []string{p.RequestID})
	if err != nil {
		return nil, statusError(raw, err)
	}
	return b.result(assertion, signed, raw, p)
}

// serviceProvider is the SP that checks one response: the ACS URL of its
// request as destination and recipient, our entity ID as audience, the
// IdP's certificates, and the replay cache. The verifier it returns
// collects what the signatures cover, to read akdb:TrustLevel from.
func (b *Bridge) serviceProvider(ctx context.Context, acs string) (*saml.ServiceProvider, *signedElements, error) {
	acsURL, err := url.Parse(acs)
	if err != nil {
		return nil, nil, fmt.Errorf("bundid: ACS URL: %w", err)
	}
	signed := &signedElements{}
	sp := &saml.ServiceProvider{
		EntityID:          b.cfg.EntityID,
		Key:               b.cfg.Key,
		Certificate:       b.cfg.Certificate,
		AcsURL:            *acsURL,
		IDPMetadata:       b.idpMetadata(),
		AuthnNameIDFormat: saml.TransientNameIDFormat,
		SignatureVerifier: signed,
		ReplayCache:       replayCache{ctx: ctx, s: b.store},
		Clock:             clock(b.cfg.Now),
	}
	return sp, signed, nil
}

// idpMetadata is the IdP as crewjam/saml wants it: its entity ID and
// signing certificates (the SSO URL matters only to Begin).
func (b *Bridge) idpMetadata() *saml.EntityDescriptor {
	var keys []saml.KeyDescriptor
	for _, c := range b.cfg.IdP.Certificates {
		keys = append(keys, saml.KeyDescriptor{Use: "signing", KeyInfo: saml.KeyInfo{
			X509Data: saml.X509Data{X509Certificates: []saml.X509Certificate{{Data: base64.StdEncoding.EncodeToString(c.Raw)}}},
		}})
	}
	return &saml.EntityDescriptor{EntityID: b.cfg.IdP.EntityID, IDPSSODescriptors: []saml.IDPSSODescriptor{{
		SSODescriptor: saml.SSODescriptor{RoleDescriptor: saml.RoleDescriptor{
			ProtocolSupportEnumeration: "urn:oasis:names:tc:SAML:2.0:protocol", KeyDescriptors: keys,
		}},
		SingleSignOnServices: []saml.Endpoint{{Binding: saml.HTTPPostBinding, Location: b.cfg.IdP.SSOURL}},
	}}}
}
