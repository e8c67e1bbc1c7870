package account

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Params are the argon2id cost parameters (RFC 9106 §3.1).
type Params struct {
	MemoryKiB uint32 // m
	Time      uint32 // t, passes
	Threads   uint8  // p, lanes
	SaltLen   int
	KeyLen    int
}

// DefaultParams are OWASP's argon2id minimum (Password Storage Cheat
// Sheet): m = 19 MiB, t = 2, p = 1, with a 128-bit salt and 256-bit tag.
// NIST SP 800-63B §5.1.1.2 asks for a memory-hard, salted, costly KDF.
var DefaultParams = Params{MemoryKiB: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

var b64 = base64.RawStdEncoding // the PHC string format's base64: no padding

// errMalformedHash: the stored hash is not an argon2id PHC string we read.
var errMalformedHash = errors.New("password hash is not an argon2id PHC string")

// normalize applies Unicode NFKC before hashing, so one password typed on
// two keyboards hashes the same (NIST SP 800-63B §5.1.1.2).
func normalize(password string) string { return norm.NFKC.String(password) }

// hashPassword returns the PHC string
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<tag> of the normalized password.
func hashPassword(password string, p Params) string {
	salt := make([]byte, p.SaltLen)
	_, _ = rand.Read(salt) // crypto/rand.Read never fails (Go ≥ 1.24)
	key := argon2.IDKey([]byte(normalize(password)), salt, p.Time, p.MemoryKiB, p.Threads, uint32(p.KeyLen))
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		p.MemoryKiB, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// verifyPassword compares in constant time.
func verifyPassword(password, phc string) (bool, error) {
	p, salt, key, err := parsePHC(phc)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(normalize(password)), salt, p.Time, p.MemoryKiB, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether a stored hash was made with other
// parameters than p (or is unreadable); login then stores a new one.
func NeedsRehash(phc string, p Params) bool {
	got, salt, key, err := parsePHC(phc)
	return err != nil || got.MemoryKiB != p.MemoryKiB || got.Time != p.Time ||
		got.Threads != p.Threads || len(salt) != p.SaltLen || len(key) != p.KeyLen
}

func parsePHC(phc string) (p Params, salt, key []byte, err error) {
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, errMalformedHash
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, nil, nil, errMalformedHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.MemoryKiB, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, errMalformedHash
	}
	if salt, err = b64.DecodeString(parts[4]); err != nil {
		return p, nil, nil, errMalformedHash
	}
	if key, err = b64.DecodeString(parts[5]); err != nil || len(key) < 16 || p.Time == 0 || p.Threads == 0 {
		return p, nil, nil, errMalformedHash
	}
	p.SaltLen, p.KeyLen = len(salt), len(key)
	return p, salt, key, nil
}
