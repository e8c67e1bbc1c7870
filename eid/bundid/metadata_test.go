package bundid

import (
	"encoding/base64"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseIdPMetadata(t *testing.T) {
	sign, enc := newKeyPair(t, "bundid-signing"), newKeyPair(t, "bundid-encryption")
	md := fmt.Sprintf(`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="%s">
<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAuthnRequestsSigned="true">
<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>
%s
</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
<md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://id.bund.example/redirect"/>
<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="%s"/>
</md:IDPSSODescriptor></md:EntityDescriptor>`, testIdP, base64.StdEncoding.EncodeToString(sign.cert.Raw),
		base64.StdEncoding.EncodeToString(enc.cert.Raw), testSSO)
	idp, err := ParseIdPMetadata([]byte(md))
	require.NoError(t, err)
	require.Equal(t, testIdP, idp.EntityID)
	require.Equal(t, testSSO, idp.SSOURL, "the HTTP-POST endpoint")
	require.Len(t, idp.Certificates, 1, "only the signing certificate")
	require.True(t, idp.Certificates[0].Equal(sign.cert))

	_, err = ParseIdPMetadata([]byte(`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>`))
	require.Error(t, err)
}
