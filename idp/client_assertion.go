package idp

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"

	"github.com/ory/fosite"
)

// clientAssertionType is the only assertion type (RFC 7523 §2.2).
const clientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

// clientAuthStrategy replaces fosite's client authentication for every
// endpoint that uses it (token, revocation, PAR). Secrets and public
// clients go to fosite's own strategy (fallback); client assertions are
// checked here, because fosite's check pins one alg per client, skips
// keys without "use", has no bound on exp and records the jti before
// checking the audience.
func (p *Provider) clientAuthStrategy(fallback fosite.ClientAuthenticationStrategy) fosite.ClientAuthenticationStrategy {
	return func(ctx context.Context, r *http.Request, form url.Values) (fosite.Client, error) {
		if form.Has("client_assertion_type") || form.Has("client_assertion") {
			return p.assertionClient(ctx, r, form)
		}
		c, err := fallback(ctx, r, form)
		if err != nil {
			return nil, err
		}
		if fc, ok := c.(fositeClient); ok && fc.AuthMethod == AuthPrivateKeyJWT {
			return nil, fosite.ErrInvalidClient.WithHint("This client must authenticate with private_key_jwt.")
		}
		return c, nil
	}
}

// assertionClient authenticates a client by a JWT it signed with one of
// its registered keys (RFC 7523 §2.2, §3; OIDC Core §9 private_key_jwt).
func (p *Provider) assertionClient(ctx context.Context, r *http.Request, form url.Values) (fosite.Client, error) {
	invalid := func(hint string, err error) error {
		e := fosite.ErrInvalidClient.WithHint(hint)
		if err != nil {
			e = e.WithWrap(err).WithDebug(err.Error())
		}
		return e
	}
	if form.Get("client_assertion_type") != clientAssertionType {
		return nil, invalid("client_assertion_type must be "+clientAssertionType+".", nil)
	}
	if _, _, basic := r.BasicAuth(); basic || form.Has("client_secret") {
		return nil, invalid("Use exactly one client authentication method (RFC 6749 §2.3).", nil)
	}
	jws, err := parseClientJWT(form.Get("client_assertion"))
	if err != nil {
		return nil, invalid("The client_assertion is not a JWS signed with ES256, RS256 or PS256.", err)
	}
	var peek assertionClaims
	if err := json.Unmarshal(jws.UnsafePayloadWithoutVerification(), &peek); err != nil || peek.Subject == "" {
		return nil, invalid("The client_assertion has no sub.", err)
	}
	if id := form.Get("client_id"); id != "" && id != peek.Subject {
		return nil, invalid("client_id and the assertion's sub differ.", nil)
	}
	c, err := p.store.clients.GetClient(ctx, peek.Subject)
	if err != nil {
		return nil, invalid("Unknown client.", err)
	}
	if c.AuthMethod != AuthPrivateKeyJWT {
		return nil, invalid("This client is not registered for private_key_jwt.", nil)
	}
	payload, err := p.verifyClientJWT(ctx, c, jws)
	if err != nil {
		return nil, invalid("The client_assertion's signature does not verify with the client's keys.", err)
	}
	var claims assertionClaims
	if err := json.Unmarshal(payload, &claims); err != nil {
		return nil, invalid("The client_assertion's claims are not valid JSON.", err)
	}
	if err := claims.check(c.ID, p.assertionAudiences(), p.cfg.Now()); err != nil {
		return nil, invalid(err.Error(), nil)
	}
	if err := p.store.useJTI(ctx, c.ID, claims.JTI, claims.expiry()); errors.Is(err, errJTIUsed) {
		return nil, invalid("The client_assertion was used before (RFC 7523 §3).", nil)
	} else if err != nil {
		return nil, fosite.ErrServerError.WithWrap(err).WithDebug(err.Error())
	}
	return fositeClient{c}, nil
}

// assertionAudiences identify this server in aud: the token endpoint URL
// (RFC 7523 §3 item 3), the issuer, and the PAR endpoint (RFC 9126 §2).
func (p *Provider) assertionAudiences() []string {
	return []string{p.issuer + pathToken, p.issuer, p.issuer + pathPAR}
}

// assertionSubject is the unverified sub of a client assertion, or "".
func assertionSubject(raw string) string {
	jws, err := parseClientJWT(raw)
	if err != nil {
		return ""
	}
	var peek assertionClaims
	_ = json.Unmarshal(jws.UnsafePayloadWithoutVerification(), &peek)
	return peek.Subject
}
