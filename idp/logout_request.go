package idp

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"

	"mvnk/store"
)

// logoutRequest is a parsed RP-Initiated Logout 1.0 §2 request.
type logoutRequest struct {
	client      *Client // nil: no client could be verified
	redirect    string  // a registered post_logout_redirect_uri, or ""
	badRedirect bool    // one was sent but is not registered: no redirect
	state       string
	sid         string // from the id_token_hint
	hinted      bool   // a valid id_token_hint came with the request
}

var errHintClientMismatch = errors.New("idp: client_id does not match the id_token_hint")

// parseLogout reads the request. An id_token_hint that does not verify
// refuses the request; so does a client_id other than the hint's
// audience (§2). ui_locales and logout_hint are accepted: the pages are
// German first with English, and without an id_token_hint the user
// confirms the logout of their own session, whoever the hint names.
func (p *Provider) parseLogout(ctx context.Context, form url.Values) (logoutRequest, error) {
	req := logoutRequest{state: form.Get("state")}
	clientID := form.Get("client_id")
	if raw := form.Get("id_token_hint"); raw != "" {
		hint, err := p.verifyIDTokenHint(ctx, raw)
		if err != nil {
			return req, err
		}
		if clientID != "" && clientID != hint.clientID {
			return req, errHintClientMismatch
		}
		clientID, req.sid, req.hinted = hint.clientID, hint.sid, true
	}
	if err := p.logoutClient(ctx, &req, clientID, form.Get("post_logout_redirect_uri")); err != nil {
		return req, err
	}
	return req, nil
}

// logoutClient resolves the client and accepts post_logout_redirect_uri
// only when it exactly matches one registered for that client (§3);
// without a client there is nothing to match and no redirect.
func (p *Provider) logoutClient(ctx context.Context, req *logoutRequest, clientID, redirect string) error {
	if clientID != "" {
		c, err := p.store.clients.GetClient(ctx, clientID)
		switch {
		case err == nil:
			req.client = c
		case !errors.Is(err, store.ErrNotFound):
			return fmt.Errorf("idp: logout client: %w", err)
		}
	}
	if redirect == "" {
		return nil
	}
	if req.client != nil && slices.Contains(req.client.PostLogoutRedirectURIs, redirect) {
		req.redirect = redirect
	} else {
		req.badRedirect = true
	}
	return nil
}

// redirectURL is the post-logout redirect with state echoed (§3).
func (req logoutRequest) redirectURL() string {
	u, err := url.Parse(req.redirect)
	if err != nil {
		return ""
	}
	if req.state != "" {
		q := u.Query()
		q.Set("state", req.state)
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// clientName is shown on the pages; "" without a verified client.
func (req logoutRequest) clientName() string {
	if req.client == nil {
		return ""
	}
	return req.client.Name
}
