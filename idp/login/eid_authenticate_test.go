package login_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/eid"
	"mvnk/eid/trust"
	"mvnk/idp"
)

// fakeBridge proves up to max; the login step only asks its level here.
type fakeBridge struct{ max trust.Level }

func (b fakeBridge) Name() string          { return "fake" }
func (b fakeBridge) MaxLevel() trust.Level { return b.max }
func (b fakeBridge) Begin(context.Context, eid.Request) (eid.Start, error) {
	return eid.Start{}, nil
}
func (b fakeBridge) Complete(context.Context, string, *http.Request) (*eid.Result, error) {
	return nil, eid.ErrUnknownHandle
}

// A session below the client's level is never given out: prompt=none
// gets nothing (login_required), an interactive request the eID step-up,
// or unmet_authentication_requirements when no bridge reaches the level.
func TestAuthenticateStepUp(t *testing.T) {
	l, r, _, _ := loggedIn(t)
	l.ResumeError = func(weiter, code, _ string) string { return weiter + "&error=" + code }
	resume := "http://mvnk.test/oauth2/auth/resume?h=x"
	hoch := idp.LoginRequest{Interactive: true, MinTrustLevel: trust.Hoch, ResumeURL: resume}

	w := httptest.NewRecorder()
	_, ok := l.Authenticate(w, r, hoch)
	require.False(t, ok)
	require.Equal(t, resume+"&error=unmet_authentication_requirements", w.Header().Get("Location"), "no bridge")

	l.Bridge = fakeBridge{max: trust.Substanziell}
	w = httptest.NewRecorder()
	l.Authenticate(w, r, hoch)
	require.Equal(t, resume+"&error=unmet_authentication_requirements", w.Header().Get("Location"), "bridge too weak")

	l.Bridge = fakeBridge{max: trust.Hoch}
	w = httptest.NewRecorder()
	_, ok = l.Authenticate(w, r, hoch)
	require.False(t, ok)
	require.Equal(t, "/anmelden/eid?niveau=4&weiter=http%3A%2F%2Fmvnk.test%2Foauth2%2Fauth%2Fresume%3Fh%3Dx", w.Header().Get("Location"))

	none := hoch
	none.Interactive = false
	w = httptest.NewRecorder()
	_, ok = l.Authenticate(w, r, none)
	require.False(t, ok)
	require.Empty(t, w.Header(), "prompt=none: nothing written")

	basis := hoch
	basis.MinTrustLevel = trust.Basis
	a, ok := l.Authenticate(httptest.NewRecorder(), r, basis)
	require.True(t, ok)
	require.Equal(t, "STORK-QAA-Level-1", a.ACR)
}
