package keys

import (
	"fmt"
	"slices"
	"time"
)

// Supported signing algorithms (RFC 7518 §3.1). Both hash with SHA-256,
// which is what fosite assumes for at_hash and c_hash.
const (
	ES256 = "ES256"
	RS256 = "RS256"
)

// Config tunes key generation and rotation. Zero fields take the defaults.
type Config struct {
	// Algorithms to keep keys for; the first is the default signing alg.
	// Default ES256, RS256.
	Algorithms []string
	// PrePublish is how long a new key is in the JWKS before it signs, so
	// relying parties that cache the JWKS know it in time. Default 1h.
	PrePublish time.Duration
	// RotateEvery is the age of the newest key at which RotateIfDue
	// rotates. Default 30 days.
	RotateEvery time.Duration
	// MaxTokenLifetime is how long a key stays published after it stopped
	// signing: the longest lifetime of any token it signed. Default 24h.
	MaxTokenLifetime time.Duration
	// CacheTTL is how often a node re-reads the key table to see rotations
	// made by other nodes. Keep it well below PrePublish. Default 10s.
	CacheTTL time.Duration
	// RSABits is the RSA modulus size. Default 3072; tests may lower it to
	// 2048 because generation is slow under -race. Less is refused.
	RSABits int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

func (c Config) withDefaults() Config {
	if len(c.Algorithms) == 0 {
		c.Algorithms = []string{ES256, RS256}
	}
	c.PrePublish = orDefault(c.PrePublish, time.Hour)
	c.RotateEvery = orDefault(c.RotateEvery, 30*24*time.Hour)
	c.MaxTokenLifetime = orDefault(c.MaxTokenLifetime, 24*time.Hour)
	c.CacheTTL = orDefault(c.CacheTTL, 10*time.Second)
	if c.RSABits == 0 {
		c.RSABits = 3072
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

func (c Config) validate() error {
	for i, alg := range c.Algorithms {
		if alg != ES256 && alg != RS256 {
			return fmt.Errorf("keys: unsupported algorithm %q (use %s or %s)", alg, ES256, RS256)
		}
		if slices.Contains(c.Algorithms[:i], alg) {
			return fmt.Errorf("keys: algorithm %s listed twice", alg)
		}
	}
	if c.RSABits < 2048 {
		return fmt.Errorf("keys: RSA key size %d is below 2048 bits", c.RSABits)
	}
	if c.PrePublish < 0 || c.RotateEvery < 0 || c.MaxTokenLifetime < 0 || c.CacheTTL < 0 {
		return fmt.Errorf("keys: durations must not be negative")
	}
	return nil
}
