package bundid

import (
	"crypto/x509"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
	"github.com/stretchr/testify/require"

	"mvnk/eid"
	"mvnk/eid/trust"
	"mvnk/store"
	"mvnk/store/storetest"
)

// localNames are the namespace URI and local name of el's children.
func localNames(el *etree.Element) []string {
	var out []string
	for _, c := range el.ChildElements() {
		out = append(out, c.NamespaceURI()+" "+c.Tag)
	}
	return out
}

func TestAuthnRequest(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		start, err := f.bridge.Begin(t.Context(), eid.Request{
			MinLevel: trust.Substanziell, ReturnURL: testACS,
			Attributes: map[eid.Attr]eid.Requirement{eid.GivenNames: eid.Required, eid.ResidencePermit: eid.Allowed},
		})
		require.NoError(t, err)
		require.Equal(t, testSSO, start.FormPost.Action)
		require.Equal(t, start.Handle, start.FormPost.Fields["RelayState"])
		raw, err := base64.StdEncoding.DecodeString(start.FormPost.Fields["SAMLRequest"])
		require.NoError(t, err)
		require.Contains(t, string(raw), `<saml2p:Extensions><akdb:AuthenticationRequest xmlns:akdb="https://www.akdb.de/request/2018/09" Version="2">`)
		root := decodeRequest(t, start.FormPost.Fields["SAMLRequest"])

		require.Equal(t, nsProtocol, root.NamespaceURI())
		require.Equal(t, "AuthnRequest", root.Tag)
		require.Equal(t, "true", root.SelectAttrValue("ForceAuthn", ""))
		require.Equal(t, testACS, root.SelectAttrValue("AssertionConsumerServiceURL", ""))
		require.Equal(t, "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", root.SelectAttrValue("ProtocolBinding", ""))
		require.Equal(t, []string{
			nsAssertion + " Issuer", dsig.Namespace + " Signature", nsProtocol + " Extensions",
			nsProtocol + " NameIDPolicy", nsProtocol + " RequestedAuthnContext",
		}, localNames(root), "SAML core schema order: Extensions before RequestedAuthnContext")

		rac := root.SelectElement("RequestedAuthnContext")
		require.Equal(t, "minimum", rac.SelectAttrValue("Comparison", ""))
		require.Equal(t, []string{nsAssertion + " AuthnContextClassRef"}, localNames(rac))
		require.Equal(t, "STORK-QAA-Level-3", rac.ChildElements()[0].Text())

		ar := root.SelectElement("Extensions").ChildElements()[0]
		require.Equal(t, nsAKDB+" AuthenticationRequest", ar.NamespaceURI()+" "+ar.Tag)
		require.Equal(t, "2", ar.SelectAttrValue("Version", ""))
		require.Equal(t, []string{nsAKDB + " AuthnMethods", nsAKDB + " RequestedAttributes", nsAKDB + " DisplayInformation"}, localNames(ar))
		requireAuthnMethods(t, ar.SelectElement("AuthnMethods"), "Benutzername=false eID=true eIDAS=true Elster=true FINK=true")
		requireRequested(t, ar.SelectElement("RequestedAttributes"))
		requireDisplay(t, ar.SelectElement("DisplayInformation"))
		requireSignedBy(t, root, f.sp.cert)
	}, Migrations)
}

func requireAuthnMethods(t *testing.T, el *etree.Element, want string) {
	var got []string
	for _, m := range el.ChildElements() {
		require.Equal(t, nsAKDB, m.NamespaceURI())
		got = append(got, m.Tag+"="+m.SelectElement("Enabled").Text())
	}
	require.Equal(t, want, strings.Join(got, " "))
}

// requireRequested: the bPK2 first and required; the asked and configured
// attributes BundID knows; no residence permit (BundID has none).
func requireRequested(t *testing.T, el *etree.Element) {
	var got []string
	for _, ra := range el.ChildElements() {
		got = append(got, ra.SelectAttrValue("Name", "")+"="+ra.SelectAttrValue("RequiredAttribute", ""))
	}
	require.Equal(t, []string{oidBPK2 + "=true", "urn:oid:2.5.4.42=true", "urn:oid:2.5.4.4=false"}, got)
}

func requireDisplay(t *testing.T, el *etree.Element) {
	v := el.ChildElements()[0]
	require.Equal(t, nsClassicUI+" Version", v.NamespaceURI()+" "+v.Tag)
	require.Equal(t, []string{nsClassicUI + " OrganizationDisplayName", nsClassicUI + " OnlineServiceId"}, localNames(v))
	require.Equal(t, "Land Mecklenburg-Vorpommern", v.SelectElement("OrganizationDisplayName").Text())
	require.Equal(t, "BMI-4711", v.SelectElement("OnlineServiceId").Text())
}

// requireSignedBy checks the request's signature as BundID would.
func requireSignedBy(t *testing.T, root *etree.Element, cert *x509.Certificate) {
	ctx := dsig.NewDefaultValidationContext(&dsig.MemoryX509CertificateStore{Roots: []*x509.Certificate{cert}})
	ctx.IdAttribute = "ID"
	_, err := ctx.Validate(root)
	require.NoError(t, err)

	root.SelectElement("Issuer").SetText("https://evil.example")
	_, err = ctx.Validate(root)
	require.Error(t, err, "a changed request fails the signature check")
}

func TestAuthnMethodsPerLevel(t *testing.T) {
	for level, want := range map[trust.Level]string{
		trust.Basis:        "Benutzername=true eID=true eIDAS=true Elster=true FINK=true",
		trust.Substanziell: "Benutzername=false eID=true eIDAS=true Elster=true FINK=true",
		trust.Hoch:         "Benutzername=false eID=true eIDAS=true Elster=false FINK=true",
	} {
		parent := etree.NewElement("akdb:AuthenticationRequest")
		parent.CreateAttr("xmlns:akdb", nsAKDB)
		parent.AddChild(authnMethods(level))
		requireAuthnMethods(t, parent.ChildElements()[0], want)
	}
}
