package idp

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
)

// Client secrets are generated here, never chosen by people: 32 bytes from
// crypto/rand, i.e. 256 bits of entropy. Guessing such a secret from its
// hash is as hard as guessing the secret itself, so a slow password hash
// (bcrypt, Argon2) buys nothing and would cost every token request tens of
// milliseconds of CPU — a gift to anyone flooding the token endpoint. A
// single SHA-256 is preimage-resistant, takes well under a microsecond,
// and still keeps the plain secret out of the database (RFC 9700 §4.15
// asks for client credentials to be protected like any other credential).
const secretHashPrefix = "sha256$"

// ErrSecretMismatch: the presented client secret does not match the hash.
var ErrSecretMismatch = errors.New("client secret does not match")

// GenerateSecret returns a new client secret (43 characters of base64url)
// and the hash to store. The plain secret is shown once and then forgotten.
func GenerateSecret() (plain, hash string) {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	plain = base64.RawURLEncoding.EncodeToString(b[:])
	return plain, HashSecret(plain)
}

// HashSecret returns "sha256$" + hex(SHA-256(plain)).
func HashSecret(plain string) string {
	sum := sha256.Sum256([]byte(plain))
	return secretHashPrefix + hex.EncodeToString(sum[:])
}

// CheckSecret reports whether plain matches hash, in constant time with
// respect to the secret (RFC 6749 §10.3: no timing side channel on
// credentials). A malformed hash never matches.
func CheckSecret(hash, plain string) bool {
	want, ok := strings.CutPrefix(hash, secretHashPrefix)
	if !ok {
		return false
	}
	wantSum, err := hex.DecodeString(want)
	if err != nil || len(wantSum) != sha256.Size {
		return false
	}
	got := sha256.Sum256([]byte(plain))
	return subtle.ConstantTimeCompare(wantSum, got[:]) == 1
}

// SecretHasher plugs the scheme above into fosite.Config.ClientSecretsHasher,
// so fosite's client authentication (RFC 6749 §2.3.1) checks our hashes.
type SecretHasher struct{}

// hasher is fosite.Hasher (fosite@v0.49.0/hash.go), restated because the
// root fosite package cannot be imported until go.sum lists its
// dependencies; then this becomes var _ fosite.Hasher = SecretHasher{}.
type hasher interface {
	Compare(ctx context.Context, hash, data []byte) error
	Hash(ctx context.Context, data []byte) ([]byte, error)
}

var _ hasher = SecretHasher{}

// Compare returns nil when data is the secret hash was made from.
func (SecretHasher) Compare(_ context.Context, hash, data []byte) error {
	if !CheckSecret(string(hash), string(data)) {
		return ErrSecretMismatch
	}
	return nil
}

// Hash hashes a secret.
func (SecretHasher) Hash(_ context.Context, data []byte) ([]byte, error) {
	return []byte(HashSecret(string(data))), nil
}
