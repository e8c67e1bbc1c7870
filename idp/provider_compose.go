package idp

import (
	"context"

	"github.com/ory/fosite"
	"github.com/ory/fosite/compose"
	"github.com/ory/fosite/handler/oauth2"
	"github.com/ory/fosite/handler/openid"
	"github.com/ory/fosite/handler/pkce"
	"github.com/ory/fosite/token/jwt"
)

// sanitationAllowed are the authorize parameters kept with the code row:
// redirect_uri for RFC 6749 §4.1.3, the PKCE challenge (RFC 7636 §4.4)
// and what the ID token checks (OIDC Core §3.1.2.1).
var sanitationAllowed = []string{
	"redirect_uri", "code_challenge", "code_challenge_method",
	"nonce", "max_age", "prompt", "acr_values", "id_token_hint",
}

// compose wires fosite with only the handlers we offer. No implicit or
// hybrid flow, no password grant (RFC 9700 §2.1.2, §2.4).
func (p *Provider) compose(hmacKey []byte) fosite.OAuth2Provider {
	cfg := p.fositeConfig(hmacKey)
	hmacStrategy := compose.NewOAuth2HMACStrategy(cfg)
	p.store.codeSignature = hmacStrategy.AuthorizeCodeSignature
	strategy := &compose.CommonStrategy{
		CoreStrategy: &tokenStrategy{
			HMACSHAStrategy: hmacStrategy,
			jwt:             &oauth2.DefaultJWTStrategy{Signer: p.signer, HMACSHAStrategy: hmacStrategy, Config: cfg},
			issuer:          p.issuer,
		},
		OpenIDConnectTokenStrategy: &openid.DefaultStrategy{Signer: p.signer, Config: cfg},
		Signer:                     p.signer,
	}
	f := compose.Compose(cfg, p.store, strategy,
		compose.OAuth2AuthorizeExplicitFactory,
		compose.OAuth2ClientCredentialsGrantFactory,
		compose.OAuth2RefreshTokenGrantFactory,
		compose.OpenIDConnectExplicitFactory,
		compose.OpenIDConnectRefreshFactory, // OIDC Core §12.2: a new ID token on refresh
		compose.OAuth2TokenIntrospectionFactory,
		compose.OAuth2TokenRevocationFactory,
		pkceFactory,
		compose.PushedAuthorizeHandlerFactory, // RFC 9126, par.go
	).(*fosite.Fosite)
	// RFC 7523 client assertions are checked by us (client_assertion.go).
	cfg.ClientAuthenticationStrategy = p.clientAuthStrategy(f.DefaultClientAuthenticationStrategy)
	cfg.TokenEndpointHandlers = quietTokenHandlers(cfg.TokenEndpointHandlers)
	return f
}

func (p *Provider) fositeConfig(hmacKey []byte) *fosite.Config {
	return &fosite.Config{
		AccessTokenLifespan:             p.cfg.AccessTokenLifetime,
		RefreshTokenLifespan:            p.cfg.RefreshTokenLifetime,
		IDTokenLifespan:                 p.cfg.IDTokenLifetime,
		AuthorizeCodeLifespan:           p.cfg.CodeLifetime,
		IDTokenIssuer:                   p.issuer,
		AccessTokenIssuer:               p.issuer,
		TokenURL:                        p.issuer + pathToken,
		GlobalSecret:                    hmacKey,
		ScopeStrategy:                   fosite.ExactScopeStrategy,
		AudienceMatchingStrategy:        fosite.ExactAudienceMatchingStrategy,
		EnforcePKCE:                     true,
		EnablePKCEPlainChallengeMethod:  false,
		RedirectSecureChecker:           fosite.IsRedirectURISecureStrict,
		RefreshTokenScopes:              []string{"offline_access"},
		SanitationWhiteList:             sanitationAllowed,
		ClientSecretsHasher:             SecretHasher{},
		JWTScopeClaimKey:                jwt.JWTScopeFieldString, // RFC 9068 §2.2.3 "scope"
		FormPostHTMLTemplate:            p.pages.Lookup("form_post.html"),
		PushedAuthorizeRequestURIPrefix: parPrefix,
		PushedAuthorizeContextLifespan:  parLifetime,
	}
}

// pkceFactory is fosite's PKCE handler with a per-request switch: PKCE is
// enforced (S256 only) for every client except a confidential one
// registered with RequirePKCE=false (see withPKCEOptional).
func pkceFactory(config fosite.Configurator, storage, strategy any) any {
	return &pkce.Handler{
		AuthorizeCodeStrategy: strategy.(oauth2.AuthorizeCodeStrategy),
		Storage:               storage.(pkce.PKCERequestStorage),
		Config:                pkceConfig{config.(*fosite.Config)},
	}
}

type pkceConfig struct{ *fosite.Config }

type pkceOptionalKey struct{}

// withPKCEOptional marks a request of a confidential client that does not
// require PKCE. A code issued with a challenge is still checked against it.
func withPKCEOptional(ctx context.Context) context.Context {
	return context.WithValue(ctx, pkceOptionalKey{}, true)
}

func (c pkceConfig) GetEnforcePKCE(ctx context.Context) bool {
	optional, _ := ctx.Value(pkceOptionalKey{}).(bool)
	return !optional
}
