package portal

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
)

const (
	// sessionCookie holds the portal session (the CSRF token).
	sessionCookie = "mvnk_session"
	// sessionMaxAge bounds how long a session cookie is accepted; the
	// cookie itself ends with the browser session.
	sessionMaxAge = 24 * time.Hour
	// keysTTL is how long fetched cookie keys are used before asking the
	// keyring again, so a rotation reaches every node within a minute.
	keysTTL = time.Minute
)

// cookieStore is a gorilla/sessions CookieStore built from the keyring's
// current keys and rebuilt when they are older than keysTTL.
type cookieStore struct {
	keyring CookieKeyring
	secure  bool
	logger  *slog.Logger
	now     func() time.Time

	mu      sync.Mutex
	current *sessions.CookieStore
	fetched time.Time
}

func newCookieStore(ctx context.Context, keyring CookieKeyring, secure bool, logger *slog.Logger) (*cookieStore, error) {
	c := &cookieStore{keyring: keyring, secure: secure, logger: logger, now: time.Now}
	if err := c.refresh(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

// get returns the store; if refreshing the keys fails, the old keys stay
// in use and the failure is logged.
func (c *cookieStore) get(ctx context.Context) *sessions.CookieStore {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.now().Sub(c.fetched) > keysTTL {
		if err := c.refresh(ctx); err != nil {
			c.logger.WarnContext(ctx, "cookie keys not refreshed", "err", err)
		}
	}
	return c.current
}

// refresh must be called with mu held (or before c is shared).
func (c *cookieStore) refresh(ctx context.Context) error {
	keys, err := c.keyring.CookieKeys(ctx)
	if err != nil {
		return err
	}
	if len(keys) == 0 || len(keys[0]) < 32 {
		return errors.New("keyring gave no cookie key of at least 32 bytes")
	}
	s := sessions.NewCookieStore(keys...)
	s.Options = &sessions.Options{Path: "/", HttpOnly: true, Secure: c.secure, SameSite: http.SameSiteLaxMode}
	for _, codec := range s.Codecs {
		if sc, ok := codec.(*securecookie.SecureCookie); ok {
			sc.MaxAge(int(sessionMaxAge.Seconds()))
		}
	}
	c.current, c.fetched = s, c.now()
	return nil
}

// Session returns the named cookie session, signed and encrypted with the
// keys from the keyring. A cookie that no longer decodes (rotated keys,
// expiry, tampering) yields a fresh, empty session. Save it with
// s.Save(r, w) before writing the response.
func (p *Portal) Session(r *http.Request, name string) (*sessions.Session, error) {
	s, err := p.cookies.get(r.Context()).Get(r, name)
	if err != nil && s != nil {
		p.logger.DebugContext(r.Context(), "session cookie discarded", "name", name, "err", err)
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("session %s: %w", name, err)
	}
	return s, nil
}
