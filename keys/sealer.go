package keys

import (
	"crypto/cipher"
	"encoding/base64"
	"fmt"
)

// Sealer seals small secrets of other components that must be read back
// (TOTP secrets, RFC 6238 §5.1: "keys SHOULD be … encrypted"), with
// AES-256-GCM under the master key. It needs no database.
type Sealer struct{ aead cipher.AEAD }

// NewSealer returns a sealer under the 32-byte master key.
func NewSealer(masterKey []byte) (*Sealer, error) {
	aead, err := newAEAD(masterKey)
	if err != nil {
		return nil, err
	}
	return &Sealer{aead: aead}, nil
}

// sealerAD keeps these seals apart from the signing and cookie keys: a
// ciphertext from one place never opens in another.
func sealerAD(ad string) []byte { return []byte("mvnk/sealed/" + ad) }

// Seal encrypts plain bound to ad (e.g. the account id), as base64url
// text with the random nonce in front.
func (s *Sealer) Seal(plain []byte, ad string) (string, error) {
	return base64.RawURLEncoding.EncodeToString(s.aead.Seal(nil, nil, plain, sealerAD(ad))), nil
}

// Open decrypts what Seal made with the same ad; any other ad, a changed
// ciphertext or another master key yields ErrUndecryptable.
func (s *Sealer) Open(sealed, ad string) ([]byte, error) {
	raw, err := base64.RawURLEncoding.DecodeString(sealed)
	if err != nil {
		return nil, fmt.Errorf("sealed secret is not base64url: %w", err)
	}
	plain, err := s.aead.Open(nil, nil, raw, sealerAD(ad))
	if err != nil {
		return nil, ErrUndecryptable
	}
	return plain, nil
}
