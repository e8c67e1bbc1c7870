package idp_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/store"
	"mvnk/store/storetest"
)

// §2: without id_token_hint the user confirms by a form. The form is
// bound to the browser (cookie) and refused cross-origin; the provider's
// record of the ended session makes prompt=none fail even though this
// login step keeps its cookie, and an interactive request logs in anew.
func TestLogoutConfirmation(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e, _ := newLogoutEnv(t, db, false)
		c, secret := e.client(withLogout)
		cfg := e.oauth2Config(c, secret)
		b := e.browser()
		_, idt, _ := e.loginIn(b, cfg)

		status, loc, page := e.logoutGet(b, url.Values{"client_id": {c.ID},
			"post_logout_redirect_uri": {rpLoggedOut}, "state": {"st-1"}, "logout_hint": {"x"}})
		require.Equal(t, http.StatusOK, status)
		require.Empty(t, loc)
		require.Contains(t, page, "Möchten Sie sich abmelden?")
		require.Contains(t, page, `method="post"`)
		m := confirmField.FindStringSubmatch(page)
		require.Len(t, m, 2)
		form := url.Values{"logout_request": {m[1]}}
		require.NotEmpty(t, e.promptNone(b, cfg).Get("code"), "asking logs nobody out")

		status, _, page = e.logoutPost(e.browser(), form, "")
		require.Equal(t, http.StatusBadRequest, status, "sealed form without the browser's cookie")
		require.Contains(t, page, "Abmeldung nicht möglich")
		status, _, _ = e.logoutPost(b, form, "https://evil.example")
		require.Equal(t, http.StatusBadRequest, status, "cross-origin post")
		form.Set("logout_request", m[1][:len(m[1])-2]+"AA")
		status, _, _ = e.logoutPost(b, form, "")
		require.Equal(t, http.StatusBadRequest, status, "altered seal")
		require.False(t, sessionEnded(t, db, sidOf(t, idt)))

		form.Set("logout_request", m[1])
		status, loc, _ = e.logoutPost(b, form, "")
		require.Equal(t, http.StatusSeeOther, status)
		require.Equal(t, rpLoggedOut+"?state=st-1", loc)
		require.True(t, sessionEnded(t, db, sidOf(t, idt)))

		require.Equal(t, "login_required", e.promptNone(b, cfg).Get("error"))
		logins := e.auth.logins.Load()
		_, fresh, _ := e.loginIn(b, cfg)
		require.Equal(t, logins+1, e.auth.logins.Load(), "an ended session asks for a new login")
		require.NotEqual(t, sidOf(t, idt), sidOf(t, fresh))
	}, logoutMigrations...)
}
