package bundid

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/eid"
	"mvnk/eid/trust"
	"mvnk/store"
	"mvnk/store/storetest"
)

// The ACS keeps BundID's cross-site post and sends the browser on to the
// login's callback, same-site; the callback completes with the kept form,
// once.
func TestRelayHandsThePostToTheCallback(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		relay := NewRelay(f.bridge, db, testACS)
		ctx := context.Background()
		callback := "https://nutzerkonto.mv.example/anmelden/eid/fertig?weiter=%2Fkonto&niveau=4"
		start, err := relay.Begin(ctx, eid.Request{MinLevel: trust.Hoch, ReturnURL: callback,
			Attributes: map[eid.Attr]eid.Requirement{eid.GivenNames: eid.Required}})
		require.NoError(t, err)
		id := decodeRequest(t, start.FormPost.Fields["SAMLRequest"]).SelectAttrValue("ID", "")
		require.Contains(t, string(mustDecode(t, start.FormPost.Fields["SAMLRequest"])), `AssertionConsumerServiceURL="`+testACS+`"`)

		post := func() *httptest.ResponseRecorder {
			form := url.Values{"SAMLResponse": {base64.StdEncoding.EncodeToString([]byte(f.response(f.good(id))))},
				"RelayState": {start.Handle}}
			r := httptest.NewRequest(http.MethodPost, testACS, strings.NewReader(form.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			w := httptest.NewRecorder()
			relay.ServeHTTP(w, r)
			return w
		}
		w := post()
		require.Equal(t, http.StatusSeeOther, w.Code)
		require.Equal(t, callback+"&"+url.Values{"vorgang": {start.Handle}}.Encode(), w.Header().Get("Location"))
		require.Equal(t, http.StatusBadRequest, post().Code, "a second post for the handle is refused")

		res, err := relay.Complete(ctx, start.Handle, httptest.NewRequest(http.MethodGet, callback, nil))
		require.NoError(t, err)
		require.Equal(t, "bpk2-erika-4711", res.Subject.BPK2)
		_, err = relay.Complete(ctx, start.Handle, nil)
		require.ErrorIs(t, err, eid.ErrUnknownHandle, "the kept form is used once")
	}, Migrations)
}

func mustDecode(t *testing.T, b64 string) []byte {
	raw, err := base64.StdEncoding.DecodeString(b64)
	require.NoError(t, err)
	return raw
}
