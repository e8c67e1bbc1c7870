package app

import (
	"context"
	"crypto"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	"mvnk/eid"
	"mvnk/eid/bundid"
	"mvnk/eid/simulator"
	"mvnk/eid/tr03130"
	"mvnk/internal/config"
	"mvnk/keys"
)

// buildEID builds the identification service the configuration names
// (MVNK_EID): the simulator (the default with --dev), a TR-03130
// eID-Server, BundID, or none. Protocol endpoints it needs (the TC token,
// the SAML ACS) go on root, outside the pages' CSRF check.
func (m *Main) buildEID(root *http.ServeMux) (eid.Bridge, error) {
	if err := m.Config.CheckEID(); err != nil {
		return nil, err
	}
	switch m.Config.EIDProvider() {
	case "simulator":
		return simulator.New(m.Portal, m.DB, simulator.Options{Dev: m.Config.Dev, Allowed: m.Config.EID.AllowSimulator})
	case "tr03130":
		return m.buildTR03130(root)
	case "bundid":
		return m.buildBundID(root)
	}
	return nil, nil
}

func (m *Main) buildTR03130(root *http.ServeMux) (eid.Bridge, error) {
	c := m.Config.EID
	cert, err := tls.LoadX509KeyPair(c.ClientCert, c.ClientKey)
	if err != nil {
		return nil, &config.Error{Setting: "MVNK_EID_CLIENT_CERT", Msg: err.Error()}
	}
	var cas *x509.CertPool
	if c.ServerCA != "" {
		if cas, err = certPool(c.ServerCA); err != nil {
			return nil, &config.Error{Setting: "MVNK_EID_SERVER_CA", Msg: err.Error()}
		}
	}
	sealer, err := keys.NewSealer(m.master)
	if err != nil {
		return nil, err
	}
	b, err := tr03130.New(tr03130.Config{ServerURL: c.ServerURL, ClientCert: cert, ServerCAs: cas, Sector: c.Sector,
		RefreshBaseURL: m.Config.Issuer()}, m.DB, sealer)
	if err != nil {
		return nil, &config.Error{Setting: "MVNK_EID_SERVER_URL", Msg: err.Error()}
	}
	root.Handle("GET "+tr03130.TCTokenPath, b.TCTokenHandler())
	m.Jobs.Every("eid.tr03130_purge", time.Hour, func(ctx context.Context, _ string) error {
		_, err := b.PurgeExpired(ctx)
		return err
	})
	return b, nil
}

// bundIDACS is the assertion consumer service registered at BundID.
const bundIDACS = "/eid/bundid/acs"

func (m *Main) buildBundID(root *http.ServeMux) (eid.Bridge, error) {
	c := m.Config.EID
	raw, err := os.ReadFile(c.BundIDMetadata)
	if err != nil {
		return nil, &config.Error{Setting: "MVNK_BUNDID_METADATA", Msg: err.Error()}
	}
	idpMeta, err := bundid.ParseIdPMetadata(raw)
	if err != nil {
		return nil, &config.Error{Setting: "MVNK_BUNDID_METADATA", Msg: err.Error()}
	}
	key, cert, err := signerPair(c.BundIDCert, c.BundIDKey)
	if err != nil {
		return nil, &config.Error{Setting: "MVNK_BUNDID_CERT", Msg: err.Error()}
	}
	b, err := bundid.New(bundid.Config{EntityID: m.Config.Issuer() + "/eid/bundid", Key: key, Certificate: cert,
		IdP: idpMeta, OrganizationDisplayName: c.BundIDOrganisation, OnlineServiceID: c.BundIDOnlineServiceID},
		bundid.NewStore(m.DB))
	if err != nil {
		return nil, &config.Error{Setting: "MVNK_BUNDID_METADATA", Msg: err.Error()}
	}
	relay := bundid.NewRelay(b, m.DB, m.Config.Issuer()+bundIDACS)
	root.Handle("POST "+bundIDACS, relay)
	m.Jobs.Every("eid.bundid_purge", time.Hour, relay.Purge)
	return relay, nil
}

// signerPair reads a PEM certificate and its private key.
func signerPair(certFile, keyFile string) (crypto.Signer, *x509.Certificate, error) {
	pair, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, nil, err
	}
	signer, ok := pair.PrivateKey.(crypto.Signer)
	if !ok {
		return nil, nil, errors.New("the private key cannot sign")
	}
	leaf, err := x509.ParseCertificate(pair.Certificate[0])
	return signer, leaf, err
}

func certPool(file string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%s holds no PEM certificate", file)
	}
	return pool, nil
}
