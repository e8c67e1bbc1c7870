package idp

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"mvnk/store"
)

// The confirmation form is CSRF-safe without the portal's middleware: the
// request it carries is sealed (AEAD, like the login hand-off) together
// with a nonce that is also in a SameSite=Strict cookie (double submit),
// and cross-origin posts are refused (http.CrossOriginProtection). A
// sealed form lifted by another site is useless without the cookie.
const (
	fieldLogoutConfirm = "logout_request"
	logoutConfirmAD    = "logout-confirm"
	logoutConfirmLife  = 10 * time.Minute
)

// logoutConfirm is the request as the confirmation form carries it.
type logoutConfirm struct {
	ClientID string    `json:"c,omitempty"`
	Redirect string    `json:"r,omitempty"`
	State    string    `json:"s,omitempty"`
	Nonce    string    `json:"n"`
	Expires  time.Time `json:"exp"`
}

var errLogoutForm = errors.New("idp: logout confirmation is not from this browser or has expired")

// askLogout shows the confirmation page (RP-Initiated Logout 1.0 §2).
func (p *Provider) askLogout(w http.ResponseWriter, r *http.Request, req logoutRequest) {
	c := logoutConfirm{Redirect: req.redirect, State: req.state, Nonce: store.NewID(),
		Expires: p.cfg.Now().Add(logoutConfirmLife)}
	if req.client != nil {
		c.ClientID = req.client.ID
	}
	raw, err := json.Marshal(c)
	if err != nil {
		p.logoutError(w, r, http.StatusInternalServerError, err)
		return
	}
	http.SetCookie(w, p.logoutCookie(c.Nonce, int(logoutConfirmLife/time.Second)))
	p.renderLogout(w, r, http.StatusOK, "idp-logout-confirm", &logoutConfirmPage{Page: protocolPage(),
		Action: p.issuer + pathLogout, Field: fieldLogoutConfirm, Request: p.handoff.seal(raw, logoutConfirmAD),
		ClientName: req.clientName(),
	}, originOf(req.redirect))
}

// logoutConfirmed runs a confirmed logout.
func (p *Provider) logoutConfirmed(w http.ResponseWriter, r *http.Request) {
	c, err := p.openLogoutConfirm(r)
	if err != nil {
		p.logoutError(w, r, http.StatusBadRequest, err)
		return
	}
	http.SetCookie(w, p.logoutCookie("", -1))
	req := logoutRequest{state: c.State}
	if err := p.logoutClient(r.Context(), &req, c.ClientID, c.Redirect); err != nil {
		p.logoutError(w, r, http.StatusInternalServerError, err)
		return
	}
	p.finishLogout(w, r, req)
}

func (p *Provider) openLogoutConfirm(r *http.Request) (logoutConfirm, error) {
	var c logoutConfirm
	if err := http.NewCrossOriginProtection().Check(r); err != nil {
		return c, err
	}
	raw, err := p.handoff.open(r.PostForm.Get(fieldLogoutConfirm), logoutConfirmAD)
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(raw, &c); err != nil {
		return c, err
	}
	cookie, err := r.Cookie(p.logoutCookieName())
	if err != nil || c.Nonce == "" || subtle.ConstantTimeCompare([]byte(cookie.Value), []byte(c.Nonce)) != 1 ||
		p.cfg.Now().After(c.Expires) {
		return c, errLogoutForm
	}
	return c, nil
}

// logoutCookie holds the form nonce: __Host- on https (RFC 6265bis §4.1.3.2).
func (p *Provider) logoutCookie(value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: p.logoutCookieName(), Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: strings.HasPrefix(p.issuer, "https://"), SameSite: http.SameSiteStrictMode}
}

func (p *Provider) logoutCookieName() string {
	if strings.HasPrefix(p.issuer, "https://") {
		return "__Host-mvnk-logout"
	}
	return "mvnk-logout"
}

// originOf is scheme://host of a URI, for the page's CSP form-action.
func originOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}
