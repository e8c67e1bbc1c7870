package idp

import (
	"encoding/json"
	"net/http"
	"slices"
	"time"

	"github.com/ory/fosite"
)

// authorize is the authorization endpoint (RFC 6749 §3.1, OIDC Core
// §3.1.2), GET and POST: response_type=code only, PKCE S256 required.
func (p *Provider) authorize(w http.ResponseWriter, r *http.Request) {
	requestedAt := p.cfg.Now().UTC()
	fr, viaPAR, err := p.frontChannel(r)
	if err != nil {
		p.frontChannelError(w, r, err)
		return
	}
	p.run(w, fr, requestedAt, arrival{firstHand: true, viaPAR: viaPAR})
}

// serveAuthorize runs an authorization request resumed after the login
// step: its parameters were checked when it first arrived. A consent
// decision made on the consent page, or an error the login step ended it
// with, comes with it.
func (p *Provider) serveAuthorize(w http.ResponseWriter, r *http.Request, h handoff) {
	p.run(w, r, h.RequestedAt, arrival{consent: h.Consent, abort: h.Abort})
}

// arrival tells how a request came: first hand (RequirePAR applies), by a
// pushed request (RFC 9126 §4), with an answer of the consent page, and
// with an error of the login step.
type arrival struct {
	firstHand, viaPAR bool
	consent           *consentDecision
	abort             *loginAbort
}

func (p *Provider) run(w http.ResponseWriter, r *http.Request, requestedAt time.Time, how arrival) {
	ctx := r.Context()
	ar, err := p.oauth.NewAuthorizeRequest(ctx, r)
	if err != nil {
		p.authorizeError(w, r, ar, err)
		return
	}
	client := ar.GetClient().(fositeClient).Client
	if err := refuseUnsupported(ar, client, how); err != nil {
		p.authorizeError(w, r, ar, err)
		return
	}
	if err := how.abort.err(); err != nil {
		p.authorizeError(w, r, ar, err)
		return
	}
	if !client.requiresPKCE() {
		ctx = withPKCEOptional(ctx)
	}
	if req, ok := ar.(*fosite.AuthorizeRequest); ok {
		req.RequestedAt = requestedAt // the stored code keeps the first arrival
	}
	login, err := p.loginRequest(ar, client, requestedAt)
	if err != nil {
		p.authorizeError(w, r, ar, err)
		return
	}
	auth, ok := p.authenticate(w, r, login, client.ID) // sessions_authenticate.go: logout
	if !ok {
		if !login.Interactive {
			p.authorizeError(w, r, ar, fosite.ErrLoginRequired)
		}
		return
	}
	if err := checkLevel(auth, login); err != nil {
		p.authorizeError(w, r, ar, err)
		return
	}
	if !p.consent(w, r, ar, client, auth, login, how.consent) {
		return
	}
	sess, err := p.grant(ctx, ar, client, auth, login)
	if err != nil {
		p.authorizeError(w, r, ar, err)
		return
	}
	resp, err := p.oauth.NewAuthorizeResponse(ctx, ar, sess)
	if err != nil {
		p.authorizeError(w, r, ar, err)
		return
	}
	p.oauth.WriteAuthorizeResponse(ctx, p.responseWriter(w, ar), ar, resp)
}

// refuseUnsupported: only the code flow. A client registered with
// RequirePAR must come by a pushed request (RFC 9126 §6); a resumed
// request was checked when it first came. request and request_uri were
// resolved by frontChannel: should they reach here, fosite would have
// parsed them itself (idp-anchors §4.4 pitfall 6), so they are refused.
func refuseUnsupported(ar fosite.AuthorizeRequester, c *Client, how arrival) error {
	form := ar.GetRequestForm()
	switch {
	case how.firstHand && c.RequirePAR && !how.viaPAR:
		return fosite.ErrInvalidRequest.WithHint("This client must use pushed authorization requests (RFC 9126 §6).")
	case !ar.GetResponseTypes().ExactOne("code"):
		return fosite.ErrUnsupportedResponseType.WithHint("Only response_type=code is supported.")
	case form.Get("request") != "":
		return fosite.ErrRequestNotSupported
	case form.Get("request_uri") != "":
		return fosite.ErrRequestURINotSupported
	}
	return nil
}

// loginRequest carries the OIDC parameters to the login step.
func (p *Provider) loginRequest(ar fosite.AuthorizeRequester, c *Client, requestedAt time.Time) (LoginRequest, error) {
	form := ar.GetRequestForm()
	resume, err := p.sealHandoff(form, requestedAt)
	if err != nil {
		return LoginRequest{}, err
	}
	prompt := splitSpaces(form.Get("prompt"))
	req := LoginRequest{
		ClientID: c.ID, ClientName: c.Name, FirstParty: c.FirstParty, StaffClient: c.Staff,
		Scopes: ar.GetRequestedScopes(), Prompt: prompt, MaxAge: parseMaxAge(form.Get("max_age")),
		LoginHint: form.Get("login_hint"), ACRValues: splitSpaces(form.Get("acr_values")),
		UILocales: splitSpaces(form.Get("ui_locales")), RequestedAt: requestedAt,
		Interactive: !slices.Contains(prompt, "none"), ResumeURL: resume,
	}
	if claims := form.Get("claims"); claims != "" {
		if !json.Valid([]byte(claims)) {
			return req, fosite.ErrInvalidRequest.WithHint("The claims parameter is not JSON.")
		}
		req.Claims = json.RawMessage(claims)
	}
	level, err := requestedLevel(c.MinTrustLevel, req.ACRValues, req.Claims)
	req.MinTrustLevel, req.ACRVocabulary = level.min, level.vocab
	return req, err
}
