package keys

import (
	"encoding/base64"
	"errors"
	"fmt"
)

// ErrUndecryptable: a stored secret does not open under the master key.
var ErrUndecryptable = errors.New("master key does not decrypt the stored keys — MVNK_MASTER_KEY changed?")

// Additional data binds each ciphertext to its row, so a sealed secret
// copied into another row (or from a cookie row into a signing row) fails
// to open instead of being used under the wrong kid.
func signingAD(kid string) []byte { return []byte("mvnk/signing-key/" + kid) }
func cookieAD(id string) []byte   { return []byte("mvnk/cookie-keys/" + id) }

// seal encrypts plaintext with a fresh random nonce; the result is text so
// the column is TEXT on both databases.
func (m *Manager) seal(plaintext, ad []byte) string {
	return base64.StdEncoding.EncodeToString(m.aead.Seal(nil, nil, plaintext, ad))
}

func (m *Manager) open(sealed string, ad []byte) ([]byte, error) {
	raw, err := base64.StdEncoding.DecodeString(sealed)
	if err != nil {
		return nil, fmt.Errorf("stored secret is not base64: %w", err)
	}
	plain, err := m.aead.Open(nil, nil, raw, ad)
	if err != nil {
		return nil, ErrUndecryptable
	}
	return plain, nil
}
