package login_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/idp"
	"mvnk/idp/account"
	"mvnk/idp/login"
	"mvnk/store"
	"mvnk/store/storetest"
)

var fastParams = account.Params{MemoryKiB: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// loggedIn returns a login step and a request carrying the cookie of a
// fresh session of an active account.
func loggedIn(t *testing.T) (*login.Login, *http.Request, *clock, *login.Session) {
	db := storetest.Open(t, store.SQLite, account.Migrations, login.Migrations)
	s, c, acctID := newSessions(t, db)
	st := account.NewStore(db)
	_, err := st.Update(context.Background(), acctID, func(a *account.Account) error {
		a.State = account.Active
		return nil
	})
	require.NoError(t, err)
	l := &login.Login{Accounts: account.NewAuthenticator(st, fastParams, account.DefaultThrottle),
		Sessions: s, Log: slog.New(slog.DiscardHandler)}
	id, sess, err := s.Create(context.Background(), acctID, "STORK-QAA-Level-1", []string{"pwd"})
	require.NoError(t, err)
	r := httptest.NewRequest(http.MethodGet, "/oauth2/auth", nil)
	r.AddCookie(&http.Cookie{Name: "mvnk_login", Value: id})
	return l, r, c, sess
}

func TestAuthenticateFreshness(t *testing.T) {
	l, r, c, sess := loggedIn(t)
	c.Add(10 * time.Minute)
	fiveMin, hour := 5*time.Minute, time.Hour
	cases := map[string]struct {
		req idp.LoginRequest
		ok  bool
	}{
		"plain":                     {idp.LoginRequest{Interactive: true}, true},
		"max_age kept":              {idp.LoginRequest{Interactive: true, MaxAge: &hour}, true},
		"max_age exceeded":          {idp.LoginRequest{Interactive: true, MaxAge: &fiveMin}, false},
		"prompt=login after login":  {idp.LoginRequest{Interactive: true, Prompt: []string{"login"}, RequestedAt: c.Now()}, false},
		"prompt=login before login": {idp.LoginRequest{Interactive: true, Prompt: []string{"login"}, RequestedAt: sess.AuthTime}, true},
		"prompt=none, stale":        {idp.LoginRequest{MaxAge: &fiveMin}, false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			tc.req.ResumeURL = "http://mvnk.test/oauth2/auth/resume?h=x"
			w := httptest.NewRecorder()
			a, ok := l.Authenticate(w, r, tc.req)
			require.Equal(t, tc.ok, ok)
			switch {
			case ok:
				require.Equal(t, sess.SID, a.SessionID)
				require.Equal(t, "STORK-QAA-Level-1", a.ACR)
			case tc.req.Interactive:
				require.Equal(t, http.StatusSeeOther, w.Code)
				require.Equal(t, "/anmelden?"+url.Values{"weiter": {tc.req.ResumeURL}}.Encode(), w.Header().Get("Location"))
			default:
				require.Equal(t, http.StatusOK, w.Code)
				require.Empty(t, w.Header(), "prompt=none: nothing written")
			}
		})
	}
}

// EndSession deletes the browser's session and clears its cookie; a
// disabled account's session stops counting at once.
func TestEndSessionAndDisabledAccount(t *testing.T) {
	l, r, _, sess := loggedIn(t)
	w := httptest.NewRecorder()
	require.NoError(t, l.EndSession(w, r, sess.SID))
	require.Contains(t, w.Header().Get("Set-Cookie"), "mvnk_login=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax")
	_, ok := l.Authenticate(httptest.NewRecorder(), r, idp.LoginRequest{})
	require.False(t, ok)

	l, r, _, sess = loggedIn(t)
	_, err := l.Accounts.Store.Update(context.Background(), sess.AccountID, func(a *account.Account) error {
		a.State = account.Disabled
		return nil
	})
	require.NoError(t, err)
	_, ok = l.Authenticate(httptest.NewRecorder(), r, idp.LoginRequest{})
	require.False(t, ok)
}
