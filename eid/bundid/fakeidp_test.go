package bundid

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/beevik/etree"
	dsig "github.com/russellhaering/goxmldsig"
	"github.com/stretchr/testify/require"

	"mvnk/eid"
	"mvnk/eid/trust"
	"mvnk/store"
)

const (
	testSP  = "https://mvnk.example/saml/bundid"
	testACS = "https://mvnk.example/eid/bundid/acs"
	testIdP = "https://id.bund.example/idp"
	testSSO = "https://id.bund.example/idp/profile/SAML2/POST/SSO"
)

// keyPair is a key with a self-signed certificate.
type keyPair struct {
	key  *rsa.PrivateKey
	cert *x509.Certificate
}

func newKeyPair(t *testing.T, cn string) keyPair {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	cert, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	return keyPair{key: key, cert: cert}
}

// fixture is a connector on a test database and the BundID it talks to.
type fixture struct {
	t      *testing.T
	bridge *Bridge
	sp     keyPair
	idp    keyPair
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	f := &fixture{t: t, sp: newKeyPair(t, "sp"), idp: newKeyPair(t, "bundid")}
	b, err := New(Config{
		EntityID: testSP, Key: f.sp.key, Certificate: f.sp.cert,
		IdP:                     IdP{EntityID: testIdP, SSOURL: testSSO, Certificates: []*x509.Certificate{f.idp.cert}},
		OrganizationDisplayName: "Land Mecklenburg-Vorpommern", OnlineServiceID: "BMI-4711",
		Attributes: map[eid.Attr]eid.Requirement{eid.FamilyNames: eid.Allowed},
	}, NewStore(db))
	require.NoError(t, err)
	f.bridge = b
	return f
}

// begin starts an identification and returns its handle and the ID of
// the AuthnRequest sent.
func (f *fixture) begin(min trust.Level) (handle, requestID string) {
	start, err := f.bridge.Begin(context.Background(), eid.Request{
		MinLevel: min, ReturnURL: testACS, Attributes: map[eid.Attr]eid.Requirement{eid.GivenNames: eid.Required},
	})
	require.NoError(f.t, err)
	root := decodeRequest(f.t, start.FormPost.Fields["SAMLRequest"])
	return start.Handle, root.SelectAttrValue("ID", "")
}

func decodeRequest(t *testing.T, b64 string) *etree.Element {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(b64)
	require.NoError(t, err)
	doc := etree.NewDocument()
	require.NoError(t, doc.ReadFromBytes(raw))
	return doc.Root()
}

// complete posts response to the ACS as the browser would.
func (f *fixture) complete(handle, response string) (*eid.Result, error) {
	form := url.Values{"SAMLResponse": {base64.StdEncoding.EncodeToString([]byte(response))}, "RelayState": {handle}}
	r := httptest.NewRequest(http.MethodPost, "/eid/bundid/acs", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return f.bridge.Complete(context.Background(), handle, r)
}

// attr is one attribute of a test assertion; trustAttr is written as is
// (`akdb:TrustLevel="HOCH"`, `TrustLevel="HOCH"`, or "").
type attr struct{ name, value, trustAttr string }

// answer describes the response the fake BundID sends.
type answer struct {
	requestID, audience, level string
	until                      time.Time // NotOnOrAfter of the assertion
	attrs                      []attr
	status                     []string // non-empty: an error response with these codes
	signer                     *keyPair // nil: the IdP's key
	signResponse               bool     // sign the Response instead of the assertion
	tamper                     func(string) string
}

func (f *fixture) good(requestID string) answer {
	hoch := `akdb:TrustLevel="HOCH"`
	return answer{requestID: requestID, audience: testSP, level: "STORK-QAA-Level-4", until: time.Now().Add(5 * time.Minute),
		attrs: []attr{
			{oidBPK2, "bpk2-erika-4711", hoch},
			{oidAssertionProvedBy, "eID", hoch},
			{"urn:oid:2.5.4.42", "Erika", hoch},
			{"urn:oid: 2.5.4.4", "Mustermann", hoch},
			{"urn:oid:2.5.4.16", "Heidestraße 17", `akdb:TrustLevel="SUBSTANTIELL"`},
			{"urn:oid:0.9.2342.19200300.100.1.3", "erika@example.org", `akdb:TrustLevel="NORMAL"`},
		}}
}

// response renders and signs a. The assertion carries its own namespace
// declarations so that it can be signed on its own, as BundID does.
func (f *fixture) response(a answer) string {
	now := time.Now().UTC().Format(time.RFC3339)
	body := `<saml2p:Status><saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></saml2p:Status>` + f.assertion(a, now)
	if len(a.status) > 0 {
		body = "<saml2p:Status>" + nestedStatus(a.status) + "</saml2p:Status>"
	}
	out := fmt.Sprintf(`<saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r%d" Version="2.0" IssueInstant="%s" Destination="%s" InResponseTo="%s"><saml2:Issuer>%s</saml2:Issuer>%s</saml2p:Response>`,
		time.Now().UnixNano(), now, testACS, a.requestID, testIdP, body)
	if a.signResponse {
		out = f.sign(out, a.signer)
	}
	if a.tamper != nil {
		out = a.tamper(out)
	}
	return out
}

func nestedStatus(codes []string) string {
	if len(codes) == 0 {
		return ""
	}
	return `<saml2p:StatusCode Value="` + codes[0] + `">` + nestedStatus(codes[1:]) + `</saml2p:StatusCode>`
}

func (f *fixture) assertion(a answer, now string) string {
	var attrs strings.Builder
	for _, at := range a.attrs {
		fmt.Fprintf(&attrs, `<saml2:Attribute xmlns:akdb="%s" Name="%s" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri" %s><saml2:AttributeValue xsi:type="xsd:string">%s</saml2:AttributeValue></saml2:Attribute>`,
			nsAKDB, at.name, at.trustAttr, at.value)
	}
	until := a.until.UTC().Format(time.RFC3339)
	xml := fmt.Sprintf(`<saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ID="_a%d" Version="2.0" IssueInstant="%[2]s">`+
		`<saml2:Issuer>%[3]s</saml2:Issuer><saml2:Subject><saml2:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient">_transient42</saml2:NameID>`+
		`<saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml2:SubjectConfirmationData InResponseTo="%[4]s" NotOnOrAfter="%[5]s" Recipient="%[6]s"/></saml2:SubjectConfirmation></saml2:Subject>`+
		`<saml2:Conditions NotBefore="%[2]s" NotOnOrAfter="%[5]s"><saml2:AudienceRestriction><saml2:Audience>%[7]s</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions>`+
		`<saml2:AuthnStatement AuthnInstant="%[2]s" SessionIndex="_s1"><saml2:AuthnContext><saml2:AuthnContextClassRef>%[8]s</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>`+
		`<saml2:AttributeStatement>%[9]s</saml2:AttributeStatement></saml2:Assertion>`,
		time.Now().UnixNano(), now, testIdP, a.requestID, until, testACS, a.audience, a.level, attrs.String())
	if a.signResponse {
		return xml
	}
	return f.sign(xml, a.signer)
}

// sign signs the assertion enveloped, the Signature after the Issuer.
func (f *fixture) sign(xml string, signer *keyPair) string {
	if signer == nil {
		signer = &f.idp
	}
	doc := etree.NewDocument()
	require.NoError(f.t, doc.ReadFromString(xml))
	ctx, err := dsig.NewSigningContext(signer.key, [][]byte{signer.cert.Raw})
	require.NoError(f.t, err)
	ctx.Canonicalizer = dsig.MakeC14N10ExclusiveCanonicalizerWithPrefixList("")
	require.NoError(f.t, ctx.SetSignatureMethod(dsig.RSASHA256SignatureMethod))
	signed, err := ctx.SignEnveloped(doc.Root())
	require.NoError(f.t, err)
	sig := signed.RemoveChildAt(len(signed.Child) - 1)
	signed.InsertChildAt(1, sig)
	out := etree.NewDocument()
	out.SetRoot(signed)
	s, err := out.WriteToString()
	require.NoError(f.t, err)
	return s
}
