package keys_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/require"

	"mvnk/keys"
	"mvnk/store"
	"mvnk/store/storetest"
)

func get(h http.Handler, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, "/.well-known/jwks.json", nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestJWKSHandler(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		clk := newClock()
		m := node(t, db, testConfig(clk))
		h := m.JWKSHandler()
		w := get(h)
		require.Equal(t, http.StatusOK, w.Code)
		require.Equal(t, "application/json", w.Header().Get("Content-Type"))
		require.Equal(t, "public, max-age=300", w.Header().Get("Cache-Control"))
		etag := w.Header().Get("ETag")
		require.Regexp(t, `^"[A-Za-z0-9_-]+"$`, etag)

		var set jose.JSONWebKeySet
		require.NoError(t, json.Unmarshal(w.Body.Bytes(), &set))
		require.Len(t, set.Keys, 2)
		for _, k := range set.Keys {
			require.True(t, k.IsPublic(), "no private part is published")
			require.Equal(t, "sig", k.Use)
			require.Contains(t, []string{keys.ES256, keys.RS256}, k.Algorithm)
			require.NotEmpty(t, k.KeyID)
		}

		for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag, "*"} {
			w = get(h, "If-None-Match", inm)
			require.Equal(t, http.StatusNotModified, w.Code, inm)
			require.Empty(t, w.Body.Bytes())
			require.Equal(t, etag, w.Header().Get("ETag"))
		}
		require.Equal(t, http.StatusOK, get(h, "If-None-Match", `"other"`).Code)

		_, err := m.Rotate(context.Background())
		require.NoError(t, err)
		w = get(h, "If-None-Match", etag)
		require.Equal(t, http.StatusOK, w.Code, "a new key changes the ETag")
		require.NotEqual(t, etag, w.Header().Get("ETag"))
	}, keys.Migrations)
}

func TestJWKSMaxAgeNeverExceedsPrePublish(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		cfg := testConfig(newClock())
		cfg.PrePublish = 2 * time.Minute
		w := get(node(t, db, cfg).JWKSHandler())
		require.Equal(t, "public, max-age=120", w.Header().Get("Cache-Control"))
	}, keys.Migrations)
}

func TestJWKSHandlerErrors(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		cfg := testConfig(newClock())
		node(t, db, cfg)
		var logs bytes.Buffer
		m := keys.New(db, masterKey(9), cfg, slog.New(slog.NewTextHandler(&logs, nil)))
		w := get(m.JWKSHandler())
		require.Equal(t, http.StatusInternalServerError, w.Code)
		require.NotContains(t, w.Body.String(), "MVNK_MASTER_KEY", "details go to the log only")
		require.Contains(t, logs.String(), "MVNK_MASTER_KEY changed?")

		r := httptest.NewRequest(http.MethodPost, "/.well-known/jwks.json", nil)
		rec := httptest.NewRecorder()
		m.JWKSHandler().ServeHTTP(rec, r)
		require.Equal(t, http.StatusMethodNotAllowed, rec.Code)
	}, keys.Migrations)
}
