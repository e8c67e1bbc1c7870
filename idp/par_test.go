package idp_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/idp"
	"mvnk/store"
	"mvnk/store/storetest"
)

// pushForm is a code flow request for PAR (RFC 9126 §2.1).
func pushForm(c *idp.Client, verifier string) url.Values {
	return url.Values{
		"response_type": {"code"}, "client_id": {c.ID}, "redirect_uri": {c.RedirectURIs[0]},
		"scope": {"openid offline_access"}, "state": {"st4te-Xq9vLm2p"}, "nonce": {"n-0S6_WzA2Mj"},
		"code_challenge": {oauth2.S256ChallengeFromVerifier(verifier)}, "code_challenge_method": {"S256"},
		"max_age": {"300"},
	}
}

// push posts to the PAR endpoint and decodes the answer.
func (e *env) push(id, secret string, form url.Values) (int, map[string]any) {
	resp := e.postForm("/oauth2/par", id, secret, form)
	var body map[string]any
	require.NoError(e.t, json.NewDecoder(resp.Body).Decode(&body))
	return resp.StatusCode, body
}

func (e *env) authorizeURL(q url.Values) string { return e.srv.URL + "/oauth2/auth?" + q.Encode() }

// PAR (RFC 9126): the pushed request is used once, by its client only;
// the front channel's other parameters are ignored; RequirePAR clients
// get through only this way; the stored request is sealed.
func TestPushedAuthorizationRequest(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, idp.Config{})
		c, secret := e.client(func(c *idp.Client) { c.RequirePAR = true })
		cfg := e.oauth2Config(c, secret)
		verifier := oauth2.GenerateVerifier()

		status, body := e.push(c.ID, secret, pushForm(c, verifier))
		require.Equal(t, http.StatusCreated, status, body)
		uri := body["request_uri"].(string)
		require.True(t, strings.HasPrefix(uri, "urn:ietf:params:oauth:request_uri:"))
		require.Equal(t, float64(60), body["expires_in"])
		var data string
		require.NoError(t, db.QueryRow(`SELECT data FROM idp_par`).Scan(&data))
		require.NotContains(t, data, "st4te-Xq9vLm2p", "sealed at rest")

		front := url.Values{"client_id": {c.ID}, "request_uri": {uri}, "prompt": {"none"}, "login_hint": {"x"}, "state": {"other-state-123"}}
		loc := e.authorize(e.browser(), e.authorizeURL(front))
		require.Equal(t, "st4te-Xq9vLm2p", loc.Query().Get("state"), "front-channel parameters are ignored")
		require.NotEmpty(t, loc.Query().Get("code"), loc.String())
		last := e.auth.last.Load()
		require.Empty(t, last.LoginHint)
		require.Equal(t, 5*time.Minute, *last.MaxAge)
		tok, err := cfg.Exchange(context.Background(), loc.Query().Get("code"), oauth2.VerifierOption(verifier))
		require.NoError(t, err)
		require.NotEmpty(t, tok.Extra("id_token"))

		requireAuthorizeErrorPage(t, e, e.authorizeURL(url.Values{"client_id": {c.ID}, "request_uri": {uri}}), "single use")

		other, otherSecret := e.client(nil)
		_, body = e.push(c.ID, secret, pushForm(c, verifier))
		requireAuthorizeErrorPage(t, e, e.authorizeURL(url.Values{"client_id": {other.ID}, "request_uri": {body["request_uri"].(string)}}), "bound to its client")
		requireAuthorizeErrorPage(t, e, e.authorizeURL(url.Values{"client_id": {c.ID}, "request_uri": {body["request_uri"].(string)}}), "consumed by the failed try")

		status, body = e.push(c.ID, "wrong", pushForm(c, verifier))
		require.Equal(t, http.StatusUnauthorized, status)
		require.Equal(t, "invalid_client", body["error"])
		withURI := pushForm(c, verifier)
		withURI.Set("request_uri", "urn:ietf:params:oauth:request_uri:abc")
		status, body = e.push(c.ID, secret, withURI)
		require.Equal(t, http.StatusBadRequest, status)
		require.Equal(t, "invalid_request", body["error"])
		unregistered := pushForm(other, verifier)
		unregistered.Set("redirect_uri", "https://evil.example/cb")
		status, _ = e.push(other.ID, otherSecret, unregistered)
		require.Equal(t, http.StatusBadRequest, status, "redirect_uri checked at push time")

		// A request_uri from elsewhere (RFC 9101 §5.2) is refused.
		q := url.Values{"client_id": {other.ID}, "request_uri": {"https://rp.example.de/req.jwt"}, "redirect_uri": {rpRedirect},
			"response_type": {"code"}, "state": {"st4te-Xq9vLm2p"}}
		loc = e.authorize(e.browser(), e.authorizeURL(q))
		require.Equal(t, "request_uri_not_supported", loc.Query().Get("error"))
	}, migrations...)
}

// A pushed request expires after expires_in (RFC 9126 §2.2); clients
// authenticate at the PAR endpoint with private_key_jwt as well.
func TestPushedAuthorizationRequestExpiryAndAssertion(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		var skew atomic.Int64
		e := newEnv(t, db, idp.Config{Now: func() time.Time { return time.Now().Add(time.Duration(skew.Load())) }})
		k := newClientKey(t, jose.ES256)
		c, _ := e.client(func(c *idp.Client) { c.AuthMethod, c.JWKS = idp.AuthPrivateKeyJWT, jwks(k) })
		form := pushForm(c, oauth2.GenerateVerifier())
		claims := e.assertionClaims(c.ID)
		claims["aud"] = e.srv.URL + "/oauth2/par"
		form.Set("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
		form.Set("client_assertion", k.sign(t, claims, ""))
		status, body := e.push("", "", form)
		require.Equal(t, http.StatusCreated, status, body)
		var data string
		require.NoError(t, db.QueryRow(`SELECT data FROM idp_par`).Scan(&data))
		skew.Store(int64(61 * time.Second))
		requireAuthorizeErrorPage(t, e, e.authorizeURL(url.Values{"client_id": {c.ID}, "request_uri": {body["request_uri"].(string)}}), "expired")
	}, migrations...)
}

func requireAuthorizeErrorPage(t *testing.T, e *env, u, msg string) {
	resp, err := e.browser().Get(u)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusBadRequest, resp.StatusCode, msg)
	require.Empty(t, resp.Header.Get("Location"), msg)
}
