package keys

import (
	"crypto"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// Key states as `mvnk keys list` shows them.
const (
	StatePending = "pending" // published, not yet signing (pre-publication)
	StateActive  = "active"  // published and signing
	StateRetired = "retired" // published for tokens it signed; no longer signs
)

// key is a decrypted signing key with its computed lifetime.
type key struct {
	row
	// stopsAt: when a newer generation of the alg took over signing.
	// until: end of publication, stopsAt + MaxTokenLifetime, so every token
	// the key signed can still be verified (RFC 7517 §5 key sets are what
	// relying parties verify against). Both zero while no newer key exists.
	stopsAt, until time.Time
	private        crypto.Signer // *ecdsa.PrivateKey or *rsa.PrivateKey
	public         jose.JSONWebKey
}

// setLifetimes fills stopsAt and until. A key stops signing at the earliest
// activation among newer generations of its alg: the active key is the
// newest one whose activate_at has passed, even if clocks made activation
// times non-monotonic.
func setLifetimes(keys []*key, maxTokenLifetime time.Duration) {
	for _, k := range keys {
		k.stopsAt, k.until = time.Time{}, time.Time{}
		for _, o := range keys {
			if o.Alg != k.Alg || o.Generation <= k.Generation {
				continue
			}
			if k.stopsAt.IsZero() || o.ActivateAt.Before(k.stopsAt) {
				k.stopsAt = o.ActivateAt
			}
		}
		if !k.stopsAt.IsZero() {
			k.until = k.stopsAt.Add(maxTokenLifetime)
		}
	}
}

func (k *key) signing(now time.Time) bool {
	return !now.Before(k.ActivateAt) && (k.stopsAt.IsZero() || now.Before(k.stopsAt))
}

func (k *key) published(now time.Time) bool {
	return k.until.IsZero() || now.Before(k.until)
}

func (k *key) state(now time.Time) string {
	switch {
	case !k.stopsAt.IsZero() && !now.Before(k.stopsAt):
		return StateRetired
	case now.Before(k.ActivateAt):
		return StatePending
	}
	return StateActive
}
