package bundid

import (
	"errors"
	"fmt"

	"github.com/beevik/etree"
	"github.com/crewjam/saml"

	"mvnk/eid"
)

// nsProtocol is the SAML protocol namespace.
const nsProtocol = "urn:oasis:names:tc:SAML:2.0:protocol"

// statusError maps a refused response to the bridge's errors. A response
// that is not Success is read for its second-level status (saml-core
// §3.2.2.2): AuthnFailed is how BundID reports that the person cancelled
// (egov-standards §7.4: access_denied), RequestDenied a refusal,
// NoAuthnContext that the level asked for was not reached. The status is
// only read to name the failure, never to accept anything.
func statusError(raw []byte, err error) error {
	var bad saml.ErrBadStatus
	if !errors.As(err, &bad) {
		return invalid(err)
	}
	codes := statusCodes(raw)
	for _, c := range codes {
		switch c {
		case saml.StatusAuthnFailed:
			return fmt.Errorf("%w (%v)", eid.ErrCancelled, codes)
		case saml.StatusRequestDenied:
			return fmt.Errorf("%w (%v)", eid.ErrDenied, codes)
		case saml.StatusNoAuthnContext:
			return fmt.Errorf("%w (%v)", eid.ErrLevelTooLow, codes)
		}
	}
	return fmt.Errorf("%w: status %v", ErrInvalidResponse, codes)
}

// statusCodes are the nested StatusCode values of the response, outermost
// first.
func statusCodes(raw []byte) []string {
	doc := etree.NewDocument()
	if doc.ReadFromBytes(raw) != nil || doc.Root() == nil {
		return nil
	}
	var codes []string
	el := doc.Root().SelectElement("Status")
	for el != nil && el.NamespaceURI() == nsProtocol {
		if el = el.SelectElement("StatusCode"); el != nil {
			codes = append(codes, el.SelectAttrValue("Value", ""))
		}
	}
	return codes
}

// invalid wraps a verification failure, keeping crewjam/saml's reason for
// the log (its error text alone says only "Authentication failed").
func invalid(err error) error {
	var ire *saml.InvalidResponseError
	if errors.As(err, &ire) && ire.PrivateErr != nil {
		return fmt.Errorf("%w: %v: %w", ErrInvalidResponse, ire.PrivateErr, err)
	}
	return fmt.Errorf("%w: %w", ErrInvalidResponse, err)
}
