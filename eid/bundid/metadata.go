package bundid

import (
	"crypto/x509"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"

	"github.com/crewjam/saml"
)

// ParseIdPMetadata reads BundID's SAML metadata (an EntityDescriptor, as
// exchanged at onboarding through the Self-Service-Portal, egov-standards
// §0.5): the entity ID, the HTTP-POST SSO endpoint and the signing
// certificates. The file comes from the operator's configuration; its own
// signature is not checked here.
func ParseIdPMetadata(data []byte) (IdP, error) {
	var ed saml.EntityDescriptor
	if err := xml.Unmarshal(data, &ed); err != nil {
		return IdP{}, fmt.Errorf("bundid metadata: %w", err)
	}
	if len(ed.IDPSSODescriptors) == 0 {
		return IdP{}, errors.New("bundid metadata: no IDPSSODescriptor")
	}
	d := ed.IDPSSODescriptors[0]
	idp := IdP{EntityID: ed.EntityID}
	for _, ep := range d.SingleSignOnServices {
		if ep.Binding == saml.HTTPPostBinding && idp.SSOURL == "" {
			idp.SSOURL = ep.Location
		}
	}
	for _, kd := range d.KeyDescriptors {
		if kd.Use != "" && kd.Use != "signing" {
			continue
		}
		for _, c := range kd.KeyInfo.X509Data.X509Certificates {
			cert, err := parseCertificate(c.Data)
			if err != nil {
				return IdP{}, err
			}
			idp.Certificates = append(idp.Certificates, cert)
		}
	}
	if idp.EntityID == "" || idp.SSOURL == "" || len(idp.Certificates) == 0 {
		return IdP{}, errors.New("bundid metadata: entity ID, HTTP-POST SSO endpoint or signing certificate missing")
	}
	return idp, nil
}

// parseCertificate reads base64 DER as metadata carries it (line breaks
// and spaces included).
func parseCertificate(b64 string) (*x509.Certificate, error) {
	der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(b64), ""))
	if err != nil {
		return nil, fmt.Errorf("bundid metadata: certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("bundid metadata: certificate: %w", err)
	}
	return cert, nil
}
