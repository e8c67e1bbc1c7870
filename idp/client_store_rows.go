package idp

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/go-jose/go-jose/v4"

	"mvnk/store"
)

// clientColumns in the order of clientRow.args and scanClient.
const clientColumns = `id, name, owner, secret_hash, redirect_uris, post_logout_redirect_uris,
	backchannel_logout_uri, grant_types, scopes, audience, auth_method, jwks, jwks_uri,
	public, require_pkce, require_par, access_token_format, access_token_lifetime,
	refresh_token_lifetime, id_token_lifetime, first_party, subject_type,
	sector_identifier, min_trust_level, created_at, updated_at, staff, description, policy_uri, eid_identifiers,
	postfach_senders`

// clientRow is a Client in its stored form: lists and keys as JSON text,
// lifetimes in seconds, instants in microseconds (store conventions).
type clientRow struct {
	c                                     *Client
	redirects, postLogout, grants, scopes string
	audience, jwks, senders               string
}

func toRow(c *Client) (clientRow, error) {
	r := clientRow{c: c}
	var err error
	for _, f := range []struct {
		dst *string
		src []string
	}{{&r.redirects, c.RedirectURIs}, {&r.postLogout, c.PostLogoutRedirectURIs},
		{&r.grants, c.GrantTypes}, {&r.scopes, c.Scopes}, {&r.audience, c.Audience},
		{&r.senders, c.PostfachSenders}} {
		if *f.dst, err = jsonList(f.src); err != nil {
			return r, err
		}
	}
	if c.JWKS != nil {
		b, err := json.Marshal(c.JWKS)
		if err != nil {
			return r, fmt.Errorf("client %q: jwks: %w", c.ID, err)
		}
		r.jwks = string(b)
	}
	return r, nil
}

func jsonList(s []string) (string, error) {
	b, err := json.Marshal(nonNil(s))
	return string(b), err
}

func (r clientRow) args() []any {
	c := r.c
	return []any{c.ID, c.Name, c.Owner, c.SecretHash, r.redirects, r.postLogout,
		c.BackchannelLogoutURI, r.grants, r.scopes, r.audience, c.AuthMethod, r.jwks, c.JWKSURI,
		c.Public, c.RequirePKCE, c.RequirePAR, c.AccessTokenFormat, seconds(c.AccessTokenLifetime),
		seconds(c.RefreshTokenLifetime), seconds(c.IDTokenLifetime), c.FirstParty, c.SubjectType,
		c.SectorIdentifier, c.MinTrustLevel, store.Micros(c.CreatedAt), store.Micros(c.UpdatedAt),
		c.Staff, c.Description, c.PolicyURI, c.EIDIdentifiers, r.senders}
}

func seconds(d time.Duration) int64 { return int64(d / time.Second) }

func scanClient(row interface{ Scan(...any) error }) (*Client, int64, error) {
	c := &Client{}
	var r clientRow
	var access, refresh, idTok, created, updated, version int64
	err := row.Scan(&c.ID, &c.Name, &c.Owner, &c.SecretHash, &r.redirects, &r.postLogout,
		&c.BackchannelLogoutURI, &r.grants, &r.scopes, &r.audience, &c.AuthMethod, &r.jwks, &c.JWKSURI,
		&c.Public, &c.RequirePKCE, &c.RequirePAR, &c.AccessTokenFormat, &access,
		&refresh, &idTok, &c.FirstParty, &c.SubjectType,
		&c.SectorIdentifier, &c.MinTrustLevel, &created, &updated,
		&c.Staff, &c.Description, &c.PolicyURI, &c.EIDIdentifiers, &r.senders, &version)
	if err != nil {
		return nil, 0, err
	}
	c.AccessTokenLifetime = time.Duration(access) * time.Second
	c.RefreshTokenLifetime = time.Duration(refresh) * time.Second
	c.IDTokenLifetime = time.Duration(idTok) * time.Second
	c.CreatedAt, c.UpdatedAt = store.FromMicros(created), store.FromMicros(updated)
	return c, version, r.decodeInto(c)
}

func (r clientRow) decodeInto(c *Client) error {
	for _, f := range []struct {
		dst *[]string
		src string
	}{{&c.RedirectURIs, r.redirects}, {&c.PostLogoutRedirectURIs, r.postLogout},
		{&c.GrantTypes, r.grants}, {&c.Scopes, r.scopes}, {&c.Audience, r.audience},
		{&c.PostfachSenders, r.senders}} {
		if err := json.Unmarshal([]byte(f.src), f.dst); err != nil {
			return fmt.Errorf("client %q: stored list unreadable: %w", c.ID, err)
		}
	}
	if r.jwks == "" {
		return nil
	}
	c.JWKS = &jose.JSONWebKeySet{}
	if err := json.Unmarshal([]byte(r.jwks), c.JWKS); err != nil {
		return fmt.Errorf("client %q: stored jwks unreadable: %w", c.ID, err)
	}
	return nil
}
