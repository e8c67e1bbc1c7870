package idp_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// alg none is never accepted: neither a forged token nor a real one with
// its header swapped and signature dropped (RFC 8725 §3.1).
func TestAlgNoneNeverAccepted(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(nil)
		tok := e.login(e.oauth2Config(c, secret))
		parts := strings.Split(tok.AccessToken, ".")
		require.Len(t, parts, 3)
		var header map[string]any
		raw, err := base64.RawURLEncoding.DecodeString(parts[0])
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(raw, &header))
		require.NotEqual(t, "none", header["alg"])

		header["alg"] = "none"
		h, _ := json.Marshal(header)
		stripped := base64.RawURLEncoding.EncodeToString(h) + "." + parts[1] + "."
		forged := noneJWT(`{"iss":"` + e.srv.URL + `","sub":"x","client_id":"` + c.ID + `","scope":"openid","exp":4102444800}`)
		for _, bad := range []string{stripped, forged} {
			require.Equal(t, http.StatusUnauthorized, e.userinfo(bad).StatusCode)
			require.Equal(t, false, introspect(t, e, c.ID, secret, bad)["active"])
			info, err := e.p.Introspect(context.Background(), bad)
			require.NoError(t, err)
			require.False(t, info.Active)
		}
	}, migrations...)
}
