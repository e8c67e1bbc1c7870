package tr03130

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/eid"
	"mvnk/eid/trust"
	"mvnk/store"
	"mvnk/store/storetest"
)

// sentUseID is the useID request as the eID-Server reads it: every name
// matched with its namespace.
type sentUseID struct {
	XMLName xml.Name `xml:"http://schemas.xmlsoap.org/soap/envelope/ Envelope"`
	Body    struct {
		Req *struct {
			Ops struct {
				List []operation `xml:",any"`
			} `xml:"http://bsi.bund.de/eID/ UseOperations"`
			LoA string `xml:"http://bsi.bund.de/eID/ LevelOfAssuranceRequest"`
		} `xml:"http://bsi.bund.de/eID/ useIDRequest"`
	} `xml:"http://schemas.xmlsoap.org/soap/envelope/ Body"`
}

func testRequest(level trust.Level) eid.Request {
	return eid.Request{
		MinLevel:    level,
		ReturnURL:   "https://idp.example/anmelden/eid/fertig?weiter=abc",
		DisplayName: "Test-Dienst",
		Attributes: map[eid.Attr]eid.Requirement{
			eid.GivenNames: eid.Required, eid.FamilyNames: eid.Required,
			eid.PostalCode: eid.Allowed, eid.BirthName: eid.Allowed,
		},
	}
}

func TestBeginSendsUseIDEnvelope(t *testing.T) {
	b, fake := newTestBridge(t)
	start, err := b.Begin(context.Background(), testRequest(trust.Hoch))
	require.NoError(t, err)

	bodies := fake.bodies()
	require.Len(t, bodies, 1)
	var sent sentUseID
	require.NoError(t, xml.Unmarshal([]byte(bodies[0]), &sent))
	require.NotNil(t, sent.Body.Req, "useIDRequest in the eID namespace")
	require.Equal(t, "http://bsi.bund.de/eID/LoA/hoch", sent.Body.Req.LoA)
	got := map[string]string{}
	var order []string
	for _, op := range sent.Body.Req.Ops.List {
		require.Equal(t, nsEID, op.XMLName.Space, op.XMLName.Local)
		got[op.XMLName.Local] = op.Value
		order = append(order, op.XMLName.Local)
	}
	require.Equal(t, "REQUIRED", got["GivenNames"])
	require.Equal(t, "REQUIRED", got["FamilyNames"])
	require.Equal(t, "ALLOWED", got["PlaceOfResidence"], "an address part asks for the group")
	require.Equal(t, "ALLOWED", got["BirthName"])
	require.Equal(t, "PROHIBITED", got["DateOfBirth"], "not listed = prohibited")
	require.Equal(t, "PROHIBITED", got["AcademicTitle"])
	require.Equal(t, "REQUIRED", got["RestrictedID"])
	require.Equal(t, "DocumentType", order[0])
	require.Equal(t, "RestrictedID", order[len(order)-1])

	u, err := url.Parse(start.RedirectURL)
	require.NoError(t, err)
	require.Equal(t, "http://127.0.0.1:24727/eID-Client", u.Scheme+"://"+u.Host+u.Path)
	require.Equal(t, "https://idp.example/eid/tc-token?vorgang="+start.Handle, u.Query().Get("tcTokenURL"))
	require.NotEmpty(t, start.Handle)
}

func TestBeginStoresThePSKSealed(t *testing.T) {
	b, _ := newTestBridge(t)
	start, err := b.Begin(context.Background(), testRequest(trust.Hoch))
	require.NoError(t, err)
	s, err := b.sessions.get(context.Background(), start.Handle, b.now())
	require.NoError(t, err)
	require.Equal(t, "session-4711", s.SessionID)
	require.NotContains(t, s.PSKSealed, "00112233445566778899aabbccddeeff")
	require.Equal(t, trust.Hoch, s.MinLevel)
}

func TestBeginWithoutLevelOmitsLoA(t *testing.T) {
	b, fake := newTestBridge(t)
	_, err := b.Begin(context.Background(), testRequest(trust.None))
	require.NoError(t, err)
	require.NotContains(t, fake.bodies()[0], "LevelOfAssuranceRequest")
}

func TestBeginUseIDError(t *testing.T) {
	b, fake := newTestBridge(t)
	fake.useID = `<eid:useIDResponse>` + resultError("useID#tooManyOpenSessions") + `</eid:useIDResponse>`
	_, err := b.Begin(context.Background(), testRequest(trust.Hoch))
	require.ErrorIs(t, err, ErrServer)
	require.Contains(t, err.Error(), "tooManyOpenSessions")
}

// The eID-Server refuses a client without the certificate (mutual TLS).
func TestClientWithoutCertificateIsRefused(t *testing.T) {
	b, fake := newTestBridge(t)
	pool := b.client.Transport.(*http.Transport).TLSClientConfig.RootCAs
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig.RootCAs = pool
	b.client = &http.Client{Transport: tr}
	_, err := b.Begin(context.Background(), testRequest(trust.Hoch))
	require.Error(t, err)
	require.ErrorIs(t, err, ErrServer)
	require.Contains(t, err.Error(), "unreachable")
	require.Empty(t, fake.bodies(), "no request got through")
}

func TestNewValidatesConfig(t *testing.T) {
	pki := newTestPKI(t)
	good := Config{ServerURL: "https://eid.example/", ClientCert: pki.client, Sector: "s", RefreshBaseURL: "https://idp.example"}
	_, err := New(good, storetest.Open(t, store.SQLite, Migrations), testSealer(t))
	require.NoError(t, err)
	for name, mutate := range map[string]func(*Config){
		"plain http":     func(c *Config) { c.ServerURL = "http://eid.example/" },
		"no certificate": func(c *Config) { c.ClientCert.Certificate = nil },
		"no sector":      func(c *Config) { c.Sector = "" },
		"relative base":  func(c *Config) { c.RefreshBaseURL = "/x" },
	} {
		t.Run(name, func(t *testing.T) {
			c := good
			mutate(&c)
			_, err := New(c, nil, nil)
			require.Error(t, err)
			require.True(t, strings.HasPrefix(err.Error(), "tr03130:"))
		})
	}
}
