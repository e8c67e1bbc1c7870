package login

import (
	"errors"
	"net/http"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"
)

// startPasskeySecond begins the second step of a pending login with one
// of the account's passkeys (allowCredentials names them).
func (l *Login) startPasskeySecond(w http.ResponseWriter, r *http.Request) {
	p, user, ok := l.pendingPasskeyUser(w, r)
	if !ok {
		return
	}
	rp, err := l.relyingParty()
	if err != nil {
		l.passkeyFailed(w, r, err)
		return
	}
	if len(user.creds) == 0 {
		WritePasskeyProblem(w, r, http.StatusBadRequest, PasskeyNone)
		return
	}
	opts, sd, err := rp.BeginLogin(user, webauthn.WithUserVerification(protocol.VerificationRequired))
	var id string
	if err == nil {
		id, err = l.challenges().save(r.Context(), purposeSecondFactor, p.AccountID, clientIP(r), sd)
	}
	if err != nil {
		l.passkeyFailed(w, r, err)
		return
	}
	WriteJSON(w, http.StatusOK, ceremonyStart{Ceremony: id, PublicKey: opts.Response})
}

// finishPasskeySecond checks the assertion and ends the pending login;
// a refused passkey counts as a wrong code on the pending login.
func (l *Login) finishPasskeySecond(w http.ResponseWriter, r *http.Request) {
	req, ok := readPasskeyRequest(w, r)
	if !ok {
		return
	}
	p, user, ok := l.pendingPasskeyUser(w, r)
	if !ok {
		return
	}
	cred, err := l.verifySecond(r, req, user)
	if err == nil {
		err = l.Accounts.Store.PasskeyUsed(r.Context(), p.AccountID, cred)
	}
	if err != nil {
		l.secondPasskeyFailed(w, r, p, err)
		return
	}
	cw := &continuation{ResponseWriter: w}
	if err := l.finishSecondFactor(cw, r, p, passkeyAMR(cred)...); err != nil {
		l.passkeyFailed(w, r, err)
		return
	}
	WriteJSON(w, http.StatusOK, map[string]string{"weiter": cw.location})
}

func (l *Login) verifySecond(r *http.Request, req *passkeyRequest, user *passkeyUser) (*webauthn.Credential, error) {
	rp, err := l.relyingParty()
	if err != nil {
		return nil, err
	}
	sd, err := l.challenges().take(r.Context(), req.Ceremony, purposeSecondFactor, user.accountID)
	if err != nil {
		return nil, err
	}
	parsed, err := protocol.ParseCredentialRequestResponseBytes(req.Credential)
	if err != nil {
		return nil, errors.Join(errPasskeyInvalid, err)
	}
	cred, err := rp.ValidateLogin(user, *sd, parsed)
	if err != nil {
		return nil, errors.Join(errPasskeyInvalid, err)
	}
	return cred, nil
}

// pendingPasskeyUser is the pending login and its account's passkeys;
// without a live pending login it has answered.
func (l *Login) pendingPasskeyUser(w http.ResponseWriter, r *http.Request) (*Pending, *passkeyUser, bool) {
	p, err := l.pendingLogin(r)
	var user *passkeyUser
	if err == nil {
		acct, gerr := l.Accounts.Store.GetByID(r.Context(), p.AccountID)
		if err = gerr; err == nil {
			user, err = l.loadUser(r.Context(), acct)
		}
	}
	if err != nil {
		l.passkeyFailed(w, r, err)
		return nil, nil, false
	}
	return p, user, true
}

// secondPasskeyFailed audits the failure and counts it on the pending
// login, which is dropped after too many.
func (l *Login) secondPasskeyFailed(w http.ResponseWriter, r *http.Request, p *Pending, err error) {
	if errors.Is(err, ErrNoCeremony) {
		l.passkeyFailed(w, r, err)
		return
	}
	l.recordSecondFactor(r, p.AccountID, err, map[string]string{"factor": "passkey", "cause": passkeyReason(err)})
	dropped, ferr := l.pending().fail(r.Context(), p)
	switch {
	case ferr != nil:
		l.passkeyServerError(w, r, ferr)
	case dropped:
		l.setPendingCookie(w, "", -1)
		WritePasskeyProblem(w, r, http.StatusBadRequest, PasskeyNoPending)
	default:
		l.passkeyFailed(w, r, err)
	}
}

// continuation keeps the redirect finishSecondFactor writes for a form
// and lets the JSON answer carry its target instead; headers already set
// (the session cookie) go through.
type continuation struct {
	http.ResponseWriter
	location string
}

func (c *continuation) WriteHeader(code int) {
	if code >= 300 && code < 400 {
		c.location = c.Header().Get("Location")
		c.Header().Del("Location")
		return
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *continuation) Write(b []byte) (int, error) {
	if c.location != "" {
		return len(b), nil // a redirect's body
	}
	return c.ResponseWriter.Write(b)
}
