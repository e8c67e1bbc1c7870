package idp_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/require"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

func runStore(t *testing.T, fn func(t *testing.T, s *idp.SQLClientStore)) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		fn(t, idp.NewClientStore(db))
	}, idp.Migrations)
}

func TestClientStoreRoundTrip(t *testing.T) {
	runStore(t, func(t *testing.T, s *idp.SQLClientStore) {
		ctx := context.Background()
		priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		in := webClient()
		in.PostLogoutRedirectURIs = []string{"https://antrag.mv.example/bye"}
		in.BackchannelLogoutURI = "https://antrag.mv.example/bcl"
		in.Audience = []string{"https://api.mv.example"}
		in.JWKS = &jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: priv.Public(), KeyID: "k1", Algorithm: "ES256", Use: "sig"}}}
		in.RequirePAR, in.FirstParty, in.MinTrustLevel, in.EIDIdentifiers = true, true, 3, true
		in.PostfachSenders = []string{"Landkreis Rostock", "Hansestadt Rostock, Bürgeramt"}
		in.AccessTokenFormat, in.AccessTokenLifetime = idp.TokenOpaque, 15*time.Minute
		require.NoError(t, s.CreateClient(ctx, in))
		require.Len(t, in.ID, 26)

		out, err := s.GetClient(ctx, in.ID)
		require.NoError(t, err)
		require.Equal(t, time.UTC, out.CreatedAt.Location())
		require.True(t, in.CreatedAt.Equal(out.CreatedAt))
		require.Equal(t, "k1", out.JWKS.Keys[0].KeyID)
		require.True(t, out.JWKS.Keys[0].IsPublic())
		in.JWKS, out.JWKS = nil, nil
		require.Equal(t, in, out)
	})
}

func TestClientStoreNotFoundAndConflict(t *testing.T) {
	runStore(t, func(t *testing.T, s *idp.SQLClientStore) {
		ctx := context.Background()
		_, err := s.GetClient(ctx, "nope")
		require.ErrorIs(t, err, store.ErrNotFound)
		require.ErrorIs(t, s.DeleteClient(ctx, "nope"), store.ErrNotFound)
		require.ErrorIs(t, s.UpdateClient(ctx, "nope", func(*idp.Client) error { return nil }), store.ErrNotFound)

		c := webClient()
		c.ID = "fixed-id"
		require.NoError(t, s.CreateClient(ctx, c))
		again := webClient()
		again.ID = "fixed-id"
		require.ErrorIs(t, s.CreateClient(ctx, again), store.ErrConflict)

		invalid := webClient()
		invalid.RedirectURIs = []string{"http://evil.example/"}
		var ve *idp.ValidationError
		require.ErrorAs(t, s.CreateClient(ctx, invalid), &ve, "the store never writes an invalid client")
	})
}

func TestClientStoreListUpdateDelete(t *testing.T) {
	runStore(t, func(t *testing.T, s *idp.SQLClientStore) {
		ctx := context.Background()
		a, b := webClient(), webClient()
		require.NoError(t, s.CreateClient(ctx, a))
		require.NoError(t, s.CreateClient(ctx, b))
		list, err := s.ListClients(ctx)
		require.NoError(t, err)
		require.Len(t, list, 2)

		require.NoError(t, s.UpdateClient(ctx, a.ID, func(c *idp.Client) error {
			c.Name, c.ID = "Neuer Name", "hijack"
			return nil
		}))
		got, err := s.GetClient(ctx, a.ID)
		require.NoError(t, err)
		require.Equal(t, "Neuer Name", got.Name, "fn's change is stored")
		require.True(t, a.CreatedAt.Equal(got.CreatedAt), "creation time stays")

		boom := errors.New("boom")
		require.ErrorIs(t, s.UpdateClient(ctx, a.ID, func(c *idp.Client) error { c.Name = "x"; return boom }), boom)
		err = s.UpdateClient(ctx, a.ID, func(c *idp.Client) error { c.MinTrustLevel = 9; return nil })
		var ve *idp.ValidationError
		require.ErrorAs(t, err, &ve)
		got, err = s.GetClient(ctx, a.ID)
		require.NoError(t, err)
		require.Equal(t, "Neuer Name", got.Name, "failed updates change nothing")
		require.Zero(t, got.MinTrustLevel)

		require.NoError(t, s.DeleteClient(ctx, a.ID))
		_, err = s.GetClient(ctx, a.ID)
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}

// Many nodes update one client at once: no update is lost.
func TestClientStoreConcurrentUpdates(t *testing.T) {
	runStore(t, func(t *testing.T, s *idp.SQLClientStore) {
		ctx := context.Background()
		c := webClient()
		require.NoError(t, s.CreateClient(ctx, c))
		const n = 8
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				errs[i] = s.UpdateClient(ctx, c.ID, func(c *idp.Client) error {
					c.Scopes = append(c.Scopes, fmt.Sprintf("s%d", i))
					return nil
				})
			})
		}
		wg.Wait()
		for _, err := range errs {
			require.NoError(t, err)
		}
		got, err := s.GetClient(ctx, c.ID)
		require.NoError(t, err)
		require.Len(t, got.Scopes, 1+n, "every concurrent update is kept")
	})
}
