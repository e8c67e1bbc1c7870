package keys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"fmt"
	"time"

	"github.com/go-jose/go-jose/v4"

	"mvnk/store"
)

// newRow generates a key pair for alg and seals its private part.
func (m *Manager) newRow(alg string, generation int64, created, activateAt time.Time) (row, error) {
	priv, err := generate(alg, m.cfg.RSABits)
	if err != nil {
		return row{}, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return row{}, fmt.Errorf("encode %s key: %w", alg, err)
	}
	r := row{KID: store.NewID(), Alg: alg, Generation: generation, Created: created, ActivateAt: activateAt}
	r.sealed = m.seal(der, signingAD(r.KID))
	return r, nil
}

func generate(alg string, rsaBits int) (crypto.Signer, error) {
	switch alg {
	case ES256: // RFC 7518 §3.4: P-256
		return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case RS256:
		return rsa.GenerateKey(rand.Reader, rsaBits)
	}
	return nil, fmt.Errorf("keys: unsupported algorithm %q", alg)
}

// decrypt opens a row's private key and checks it fits the row's alg.
func (m *Manager) decrypt(r row) (*key, error) {
	der, err := m.open(r.sealed, signingAD(r.KID))
	if err != nil {
		return nil, fmt.Errorf("signing key %s (%s): %w", r.KID, r.Alg, err)
	}
	parsed, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, fmt.Errorf("signing key %s: %w", r.KID, err)
	}
	priv, ok := parsed.(crypto.Signer)
	if !ok || !fitsAlg(priv, r.Alg) {
		return nil, fmt.Errorf("signing key %s: a %T is no %s key", r.KID, parsed, r.Alg)
	}
	return &key{row: r, private: priv, public: jose.JSONWebKey{
		Key: priv.Public(), KeyID: r.KID, Algorithm: r.Alg, Use: "sig", // RFC 7517 §4
	}}, nil
}

func fitsAlg(k crypto.Signer, alg string) bool {
	switch k := k.(type) {
	case *ecdsa.PrivateKey:
		return alg == ES256 && k.Curve == elliptic.P256()
	case *rsa.PrivateKey:
		return alg == RS256
	}
	return false
}
