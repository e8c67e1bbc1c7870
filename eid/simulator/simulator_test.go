package simulator

import (
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/eid"
	"mvnk/eid/trust"
	"mvnk/portal"
	"mvnk/store"
	"mvnk/store/storetest"
)

type fakeKeyring struct{ keys [][]byte }

func (k fakeKeyring) CookieKeys(context.Context) ([][]byte, error) { return k.keys, nil }

func newSim(t *testing.T, db *store.DB, opts Options) *Simulator {
	t.Helper()
	hash, block := make([]byte, 32), make([]byte, 32)
	_, _ = rand.Read(hash)
	_, _ = rand.Read(block)
	p, err := portal.New(portal.Config{PublicURL: &url.URL{Scheme: "http", Host: "localhost"}, Dev: true},
		db, fakeKeyring{[][]byte{hash, block}}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	s, err := New(p, db, opts)
	require.NoError(t, err)
	return s
}

// post submits a step's form straight to the handler (the CSRF check is
// the portal's, tested there).
func post(s *Simulator, handle string, form url.Values) *httptest.ResponseRecorder {
	form.Set("vorgang", handle)
	r := httptest.NewRequest(http.MethodPost, Path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

var request = eid.Request{MinLevel: trust.Hoch, ReturnURL: "http://localhost/anmelden/eid/fertig?weiter=x",
	Attributes: map[eid.Attr]eid.Requirement{eid.GivenNames: eid.Required, eid.BirthName: eid.Allowed,
		eid.StreetAddress: eid.Allowed, eid.Nationality: eid.Allowed}}

// identify runs the whole hand-off for a person and returns the handle.
func identify(t *testing.T, s *Simulator, req eid.Request, personID string, allowed ...string) string {
	t.Helper()
	start, err := s.Begin(context.Background(), req)
	require.NoError(t, err)
	require.Equal(t, Path+"?vorgang="+start.Handle, start.RedirectURL)
	require.Equal(t, http.StatusOK, post(s, start.Handle, url.Values{"aktion": {"person"}, "person": {personID}}).Code)
	w := post(s, start.Handle, url.Values{"aktion": {"daten"}, "attr": allowed})
	require.Contains(t, w.Body.String(), TestPIN, "the PIN page shows the test PIN")
	w = post(s, start.Handle, url.Values{"aktion": {"pin"}, "pin": {TestPIN}})
	require.Equal(t, http.StatusSeeOther, w.Code)
	require.Contains(t, w.Header().Get("Location"), "vorgang="+start.Handle)
	return start.Handle
}

func TestRefusedOutsideDev(t *testing.T) {
	_, err := New(nil, nil, Options{})
	require.ErrorIs(t, err, ErrNotAllowed)
}

func TestSimulatorIdentifies(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		s, ctx := newSim(t, db, Options{Allowed: true}), context.Background()
		h := identify(t, s, request, "erika", "birth_name", "document_type")
		res, err := s.Complete(ctx, h, nil)
		require.NoError(t, err)
		require.Equal(t, trust.Hoch, res.Level)
		require.Equal(t, eid.MeansEID, res.Means)
		require.Equal(t, eid.Claim{Value: "ERIKA", Level: trust.Hoch, Source: Source}, res.Claims[eid.GivenNames])
		require.Equal(t, "GABLER", res.Claims[eid.BirthName].Value)
		require.NotContains(t, res.Claims, eid.StreetAddress, "deselected by the person")
		require.NotContains(t, res.Claims, eid.DocumentType, "not requested")
		require.Len(t, res.Subject.RestrictedID, 64)
		_, err = s.Complete(ctx, h, nil)
		require.ErrorIs(t, err, eid.ErrUnknownHandle, "a result is given once")

		again, err := s.Complete(ctx, identify(t, s, request, "erika"), nil)
		require.NoError(t, err)
		require.Equal(t, res.Subject.RestrictedID, again.Subject.RestrictedID, "stable per person and sector")
		other := newSim(t, db, Options{Allowed: true, Sector: "anderer-sektor"})
		third, err := other.Complete(ctx, identify(t, other, request, "erika"), nil)
		require.NoError(t, err)
		require.NotEqual(t, res.Subject.RestrictedID, third.Subject.RestrictedID, "unlinkable across sectors")
	}, portal.Migrations, Migrations)
}

func TestSimulatorCancelNoAddressAndLevel(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		s, ctx := newSim(t, db, Options{Dev: true}), context.Background()
		start, err := s.Begin(ctx, request)
		require.NoError(t, err)
		w := post(s, start.Handle, url.Values{"aktion": {"abbrechen"}})
		require.Contains(t, w.Header().Get("Location"), "abbruch=1")
		_, err = s.Complete(ctx, start.Handle, nil)
		require.ErrorIs(t, err, eid.ErrCancelled)

		res, err := s.Complete(ctx, identify(t, s, request, "ohne-anschrift", "street_address", "nationality"), nil)
		require.NoError(t, err)
		require.NotContains(t, res.Claims, eid.StreetAddress, "NOTONCHIP")
		require.Equal(t, "D", res.Claims[eid.Nationality].Value)

		_, err = s.Complete(ctx, identify(t, s, request, "eidas"), nil)
		require.ErrorIs(t, err, eid.ErrLevelTooLow, "the eIDAS person is substanziell")
		sub := request
		sub.MinLevel = trust.Substanziell
		res, err = s.Complete(ctx, identify(t, s, sub, "eidas"), nil)
		require.NoError(t, err)
		require.Equal(t, trust.Substanziell, res.Claims[eid.GivenNames].Level)
		require.Equal(t, eid.MeansEIDAS, res.Means)
	}, portal.Migrations, Migrations)
}

func TestSimulatorBlocksCardAfterThreeWrongPINs(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		s, ctx := newSim(t, db, Options{Dev: true}), context.Background()
		start, err := s.Begin(ctx, request)
		require.NoError(t, err)
		post(s, start.Handle, url.Values{"aktion": {"person"}, "person": {"kuenstler"}})
		post(s, start.Handle, url.Values{"aktion": {"daten"}})
		for i, want := range []int{http.StatusUnprocessableEntity, http.StatusUnprocessableEntity, http.StatusForbidden} {
			w := post(s, start.Handle, url.Values{"aktion": {"pin"}, "pin": {"654321"}})
			require.Equal(t, want, w.Code, "try %d", i+1)
		}
		// Another node, another identification: the card stays blocked.
		node2 := newSim(t, db, Options{Dev: true})
		start2, err := node2.Begin(ctx, request)
		require.NoError(t, err)
		post(node2, start2.Handle, url.Values{"aktion": {"person"}, "person": {"kuenstler"}})
		post(node2, start2.Handle, url.Values{"aktion": {"daten"}})
		w := post(node2, start2.Handle, url.Values{"aktion": {"pin"}, "pin": {TestPIN}})
		require.Equal(t, http.StatusForbidden, w.Code)
		require.Contains(t, w.Body.String(), "Testkarte gesperrt")
		_, err = node2.Complete(ctx, start2.Handle, nil)
		require.ErrorIs(t, err, eid.ErrUnknownHandle, "not finished")
		// Another card still works.
		_, err = node2.Complete(ctx, identify(t, node2, request, "doktor"), nil)
		require.NoError(t, err)
	}, portal.Migrations, Migrations)
}
