package tr03130

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/keys"
	"mvnk/store"
	"mvnk/store/storetest"
)

// testPKI is a CA with a server certificate for 127.0.0.1 and a client
// certificate, both issued by it.
type testPKI struct {
	pool   *x509.CertPool
	server tls.Certificate
	client tls.Certificate
}

func newTestPKI(t *testing.T) testPKI {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Test eID CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	require.NoError(t, err)
	ca, err := x509.ParseCertificate(caDER)
	require.NoError(t, err)
	pool := x509.NewCertPool()
	pool.AddCert(ca)
	issue := func(serial int64, usage x509.ExtKeyUsage) tls.Certificate {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: "eid test"},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
			ExtKeyUsage: []x509.ExtKeyUsage{usage}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
			KeyUsage: x509.KeyUsageDigitalSignature,
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
		require.NoError(t, err)
		return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
	}
	return testPKI{pool: pool, server: issue(2, x509.ExtKeyUsageServerAuth), client: issue(3, x509.ExtKeyUsageClientAuth)}
}

// testSealer returns a keys.Sealer under a random master key.
func testSealer(t *testing.T) *keys.Sealer {
	t.Helper()
	mk := make([]byte, 32)
	_, _ = rand.Read(mk)
	s, err := keys.NewSealer(mk)
	require.NoError(t, err)
	return s
}

// newTestBridge starts a fake eID-Server requiring a client certificate
// and a Bridge talking to it over mutual TLS, on a fresh SQLite database.
func newTestBridge(t *testing.T) (*Bridge, *fakeServer) {
	t.Helper()
	pki := newTestPKI(t)
	fake := startFakeServer(t, pki)
	db := storetest.Open(t, store.SQLite, Migrations)
	b, err := New(Config{
		ServerURL: fake.URL, ClientCert: pki.client, ServerCAs: pki.pool,
		Sector: "mvnk-test", RefreshBaseURL: "https://idp.example/",
		RetryDelay: time.Millisecond,
	}, db, testSealer(t))
	require.NoError(t, err)
	return b, fake
}

// callback is the browser's return to the RefreshAddress.
func callback(t *testing.T, query string) *http.Request {
	t.Helper()
	r, err := http.NewRequest(http.MethodGet, "https://idp.example/anmelden/eid/fertig?"+query, nil)
	require.NoError(t, err)
	return r
}
