package idp

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
)

// Purposes of the keys derived from the master key. Each use gets its own
// key (RFC 5869 §3.2 "info"), so a ciphertext or MAC of one never passes
// as another.
const (
	purposeTokenHMAC    = "mvnk/idp/token-hmac"    // fosite's opaque token HMAC
	purposeSessionData  = "mvnk/idp/session-data"  // idp_tokens.data at rest
	purposeLoginHandoff = "mvnk/idp/login-handoff" // sealed authorize requests
	purposePairwise     = "mvnk/idp/pairwise-salt" // OIDC Core §8.1 salt
)

// deriveKey derives a 32-byte key for purpose from the master key with
// HKDF-SHA-256 (RFC 5869).
func deriveKey(master []byte, purpose string) ([]byte, error) {
	if len(master) != 32 {
		return nil, fmt.Errorf("idp: master key has %d bytes, need 32", len(master))
	}
	return hkdf.Key(sha256.New, master, nil, purpose, 32)
}

// sealer is AES-256-GCM with a random nonce; the additional data binds a
// ciphertext to where it belongs (a row id, a purpose).
type sealer struct{ aead cipher.AEAD }

func newSealer(key []byte) (*sealer, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCMWithRandomNonce(block)
	if err != nil {
		return nil, err
	}
	return &sealer{aead: aead}, nil
}

// errUnsealable: the ciphertext was altered, belongs elsewhere, or was made
// under another master key.
var errUnsealable = errors.New("idp: sealed data does not open")

func (s *sealer) seal(plain []byte, ad string) string {
	return base64.RawURLEncoding.EncodeToString(s.aead.Seal(nil, nil, plain, []byte(ad)))
}

func (s *sealer) open(sealed, ad string) ([]byte, error) {
	raw, err := base64.RawURLEncoding.DecodeString(sealed)
	if err != nil {
		return nil, errUnsealable
	}
	plain, err := s.aead.Open(nil, nil, raw, []byte(ad))
	if err != nil {
		return nil, errUnsealable
	}
	return plain, nil
}

// derivedSecrets are the provider's purpose keys.
type derivedSecrets struct {
	hmac          []byte
	data, handoff *sealer
	salt          []byte
}

func deriveSecrets(master []byte) (derivedSecrets, error) {
	var s derivedSecrets
	keys := map[string][]byte{}
	for _, purpose := range []string{purposeTokenHMAC, purposeSessionData, purposeLoginHandoff, purposePairwise} {
		k, err := deriveKey(master, purpose)
		if err != nil {
			return s, err
		}
		keys[purpose] = k
	}
	var err error
	if s.data, err = newSealer(keys[purposeSessionData]); err != nil {
		return s, err
	}
	if s.handoff, err = newSealer(keys[purposeLoginHandoff]); err != nil {
		return s, err
	}
	s.hmac, s.salt = keys[purposeTokenHMAC], keys[purposePairwise]
	return s, nil
}
