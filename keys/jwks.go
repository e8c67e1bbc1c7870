package keys

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// JWKS returns the public keys relying parties verify with (RFC 7517 §5):
// pending keys (so caches know them before they sign), the active key, and
// retired keys until every token they signed has expired.
func (m *Manager) JWKS(ctx context.Context) (jose.JSONWebKeySet, error) {
	s, err := m.current(ctx)
	if err != nil {
		return jose.JSONWebKeySet{}, err
	}
	now := m.now()
	set := jose.JSONWebKeySet{Keys: []jose.JSONWebKey{}}
	for _, k := range s.keys {
		if k.published(now) {
			set.Keys = append(set.Keys, k.public)
		}
	}
	return set, nil
}

// maxJWKSAge caps Cache-Control max-age. It must stay below PrePublish, or
// a relying party could still hold a JWKS without a key that already signs.
const maxJWKSAge = 5 * time.Minute

// JWKSHandler serves GET /.well-known/jwks.json with cache headers and an
// ETag, answering If-None-Match with 304 (RFC 9110 §13.1.2).
func (m *Manager) JWKSHandler() http.Handler {
	maxAge := min(maxJWKSAge, m.cfg.PrePublish)
	cacheControl := fmt.Sprintf("public, max-age=%d", int(maxAge.Seconds()))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		set, err := m.JWKS(r.Context())
		var body []byte
		if err == nil {
			body, err = json.Marshal(set)
		}
		if err != nil {
			m.log.ErrorContext(r.Context(), "keys: serve JWKS", "err", err)
			http.Error(w, "internal server error", http.StatusInternalServerError)
			return
		}
		sum := sha256.Sum256(body)
		etag := `"` + base64.RawURLEncoding.EncodeToString(sum[:16]) + `"`
		h := w.Header()
		h.Set("Cache-Control", cacheControl)
		h.Set("ETag", etag)
		if etagMatches(r.Header.Get("If-None-Match"), etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		// application/json rather than application/jwk-set+json: what
		// relying-party libraries expect.
		h.Set("Content-Type", "application/json")
		w.Write(body)
	})
}

// etagMatches applies the weak comparison If-None-Match uses (RFC 9110
// §13.1.2) to a list of entity tags or "*".
func etagMatches(header, etag string) bool {
	for tag := range strings.SplitSeq(header, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if tag == "*" || tag == etag {
			return true
		}
	}
	return false
}
