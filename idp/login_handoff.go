package idp

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"mvnk/eid/trust"
)

// Authenticator is the login step. The provider asks it for the browser's
// authentication before every authorization response.
//
// Authenticate returns the authentication if the browser has a login that
// satisfies req: prompt=login and max_age need an AuthTime at or after
// req.RequestedAt or within MaxAge (OIDC Core §3.1.2.1), MinTrustLevel
// (which already folds in acr_values and an essential acr claim) a login
// of at least that level; the provider checks the level again
// (trust_enforce.go). Otherwise it returns false and:
//   - if req.Interactive, it has answered the request itself (a login
//     page, or a redirect to one) and later sends the browser to
//     req.ResumeURL, where the provider asks again;
//   - if not (prompt=none), it has written nothing and the provider
//     answers login_required (OIDC Core §3.1.2.6).
type Authenticator interface {
	Authenticate(w http.ResponseWriter, r *http.Request, req LoginRequest) (*Authentication, bool)
}

// LoginRequest is what the login step learns of an authorization request.
type LoginRequest struct {
	ClientID   string
	ClientName string
	FirstParty bool
	// MinTrustLevel is the least level the login must prove: the client's
	// registered floor, raised by acr_values or an essential acr claim
	// (trust_request.go). The provider checks it again after the login.
	MinTrustLevel trust.Level
	// ACRVocabulary is the vocabulary of the first known level the request
	// named (STORK if none): the ID token's acr is named in it.
	ACRVocabulary trust.Vocabulary
	Scopes        []string
	Prompt        []string       // none, login, consent, select_account
	MaxAge        *time.Duration // nil: absent
	LoginHint     string
	ACRValues     []string
	Claims        json.RawMessage // the claims parameter (OIDC Core §5.5), as sent
	UILocales     []string
	RequestedAt   time.Time
	Interactive   bool   // false for prompt=none
	ResumeURL     string // where to send the browser after login
	// StaffClient: the client is for case workers; only staff accounts
	// may log in to it, and staff accounts only to such clients
	// (account.MayUseClient).
	StaffClient bool
}

// Authentication is the result of a login.
type Authentication struct {
	Subject   string    // the account id; clients see a pairwise value
	AuthTime  time.Time // OIDC Core §2 auth_time
	ACR       string
	AMR       []string // RFC 8176 values
	SessionID string   // the login session, sid in the ID token
}

// handoff is the authorization request sealed into ResumeURL: the login
// step carries it, the database never sees it (AEAD, not a row).
type handoff struct {
	Form        url.Values `json:"form"`
	RequestedAt time.Time  `json:"rat"`
	Expires     time.Time  `json:"exp"`
	// Consent is the answer of the consent page, once given (consent_step.go).
	Consent *consentDecision `json:"consent,omitempty"`
	// Abort ends the request with an OAuth error the login step chose
	// (login_abort.go).
	Abort *loginAbort `json:"abort,omitempty"`
}

const handoffAD = "login-handoff"

func (p *Provider) sealHandoff(form url.Values, requestedAt time.Time) (string, error) {
	return p.resumeURL(handoff{Form: form, RequestedAt: requestedAt, Expires: requestedAt.Add(p.cfg.LoginLifetime)})
}

// resumeURL is the resume endpoint with h sealed into it.
func (p *Provider) resumeURL(h handoff) (string, error) {
	raw, err := json.Marshal(h)
	if err != nil {
		return "", err
	}
	return p.issuer + pathResume + "?" + url.Values{"h": {p.handoff.seal(raw, handoffAD)}}.Encode(), nil
}

func (p *Provider) openHandoff(sealed string) (handoff, error) {
	var h handoff
	raw, err := p.handoff.open(sealed, handoffAD)
	if err != nil {
		return h, err
	}
	if err := json.Unmarshal(raw, &h); err != nil {
		return h, err
	}
	if p.cfg.Now().After(h.Expires) {
		return h, errUnsealable
	}
	return h, nil
}

// resume continues an authorization request after the login step.
func (p *Provider) resume(w http.ResponseWriter, r *http.Request) {
	h, err := p.openHandoff(r.URL.Query().Get("h"))
	if err != nil {
		p.showError(w, r, http.StatusBadRequest, msgExpired, err)
		return
	}
	r2 := r.Clone(r.Context())
	r2.Method = http.MethodGet
	r2.URL.RawQuery = h.Form.Encode()
	r2.Form, r2.PostForm = nil, nil
	p.serveAuthorize(w, r2, h)
}

func splitSpaces(s string) []string { return strings.Fields(s) }

func parseMaxAge(s string) *time.Duration {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return nil
	}
	d := time.Duration(n) * time.Second
	return &d
}
