package idp_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// Two nodes on one PostgreSQL database behind a load balancer that
// alternates per request: authorize, login hand-off, token exchange,
// userinfo and refresh each land on the other node than the step before.
// Nothing of a flow may live in one node's memory.
func TestTwoNodesOnePostgres(t *testing.T) {
	db := storetest.Open(t, store.Postgres, migrations...)
	var next atomic.Int64
	nodes := make([]*http.ServeMux, 2)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		nodes[next.Add(1)%2].ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	auth := &testAuth{subject: "buerger-4711"}
	for i := range nodes {
		nodes[i] = http.NewServeMux()
		newNode(t, db, srv.URL, auth, idp.Config{}).Mount(nodes[i])
		nodes[i].HandleFunc("GET /test/login", auth.login)
	}
	e := &env{t: t, db: db, srv: srv, mux: nodes[0], clients: idp.NewClientStore(db), auth: auth}
	e.mountJWKS()
	nodes[1].Handle("GET /.well-known/jwks.json", jwksHandler(db))

	c, secret := e.client(nil)
	ctx := context.Background()
	provider, err := oidc.NewProvider(ctx, srv.URL)
	require.NoError(t, err)
	cfg := e.oauth2Config(c, secret)
	tok := e.login(cfg)
	raw, _ := tok.Extra("id_token").(string)
	_, err = provider.Verifier(&oidc.Config{ClientID: c.ID}).Verify(ctx, raw)
	require.NoError(t, err)
	for range 3 {
		tok, err = cfg.TokenSource(ctx, expired(tok)).Token()
		require.NoError(t, err)
		_, err = provider.UserInfo(ctx, oauth2.StaticTokenSource(tok))
		require.NoError(t, err)
	}
	require.Greater(t, next.Load(), int64(8))
}
