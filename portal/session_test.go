package portal

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// rotatingKeyring hands out whatever keys the test set last.
type rotatingKeyring struct {
	mu   sync.Mutex
	keys [][]byte
}

func (k *rotatingKeyring) CookieKeys(context.Context) ([][]byte, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.keys, nil
}

func (k *rotatingKeyring) set(keys ...string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.keys = nil
	for _, key := range keys {
		k.keys = append(k.keys, []byte(strings.Repeat(key, 32)))
	}
}

// A rotation reaches the cookie store after keysTTL: new cookies use the
// new key, and cookies under the previous key still decode while the
// keyring lists it.
func TestCookieKeysRotate(t *testing.T) {
	ring := &rotatingKeyring{}
	ring.set("a", "b")
	c, err := newCookieStore(context.Background(), ring, false, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	now := time.Now()
	c.now = func() time.Time { return now }

	oldCookie := saveSession(t, c, "alt")
	ring.set("c", "d", "a", "b")
	require.Equal(t, "alt", loadSession(t, c, oldCookie), "still the old store before the TTL")
	now = now.Add(keysTTL + time.Second)
	require.Equal(t, "alt", loadSession(t, c, oldCookie), "old cookie decodes after rotation")

	newCookie := saveSession(t, c, "neu")
	ring.set("c", "d")
	now = now.Add(keysTTL + time.Second)
	require.Equal(t, "neu", loadSession(t, c, newCookie))
	require.Empty(t, loadSession(t, c, oldCookie), "retired key: cookie no longer valid")
}

func TestKeyringMustGiveAKey(t *testing.T) {
	ring := &rotatingKeyring{}
	_, err := newCookieStore(context.Background(), ring, false, slog.New(slog.DiscardHandler))
	require.ErrorContains(t, err, "at least 32 bytes")
}

func saveSession(t *testing.T, c *cookieStore, value string) *http.Cookie {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	w := httptest.NewRecorder()
	s, err := c.get(r.Context()).New(r, sessionCookie)
	require.NoError(t, err)
	s.Values["v"] = value
	require.NoError(t, s.Save(r, w))
	return w.Result().Cookies()[0]
}

func loadSession(t *testing.T, c *cookieStore, cookie *http.Cookie) string {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.AddCookie(cookie)
	s, _ := c.get(r.Context()).Get(r, sessionCookie)
	v, _ := s.Values["v"].(string)
	return v
}
