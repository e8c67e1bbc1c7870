package login

import (
	"errors"
	"net/http"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"

	"mvnk/idp/account"
)

// Paths of the passkey endpoints the login page's script calls (JSON;
// Protect checks the CSRF token in the X-CSRF-Token header).
const (
	pathPasskeyStart        = "/anmelden/passkey/start"
	pathPasskeyFinish       = "/anmelden/passkey/fertig"
	pathPasskeySecondStart  = "/anmelden/passkey/zweiter-faktor/start"
	pathPasskeySecondFinish = "/anmelden/passkey/zweiter-faktor/fertig"
)

func (l *Login) mountPasskeys(mux *http.ServeMux) {
	mux.HandleFunc("POST "+pathPasskeyStart, l.startPasskeyLogin)
	mux.HandleFunc("POST "+pathPasskeyFinish, l.finishPasskeyLogin)
	mux.HandleFunc("POST "+pathPasskeySecondStart, l.startPasskeySecond)
	mux.HandleFunc("POST "+pathPasskeySecondFinish, l.finishPasskeySecond)
}

// ceremonyStart is the answer to a start request: the ceremony's id and
// the options for navigator.credentials (WebAuthn L3 §5.5, §5.4).
type ceremonyStart struct {
	Ceremony  string `json:"ceremonie"`
	PublicKey any    `json:"publicKey"`
}

// startPasskeyLogin begins a discoverable login (WebAuthn L3 §5.1.4):
// no account is named, the passkey the person picks names it.
func (l *Login) startPasskeyLogin(w http.ResponseWriter, r *http.Request) {
	rp, err := l.relyingParty()
	if err != nil {
		WritePasskeyProblem(w, r, http.StatusNotFound, PasskeyOff)
		return
	}
	opts, sd, err := rp.BeginDiscoverableLogin(webauthn.WithUserVerification(protocol.VerificationRequired))
	if err != nil {
		l.passkeyServerError(w, r, err)
		return
	}
	id, err := l.challenges().save(r.Context(), purposeLogin, "", clientIP(r), sd)
	if err != nil {
		l.passkeyFailed(w, r, err)
		return
	}
	WriteJSON(w, http.StatusOK, ceremonyStart{Ceremony: id, PublicKey: opts.Response})
}

// finishPasskeyLogin checks the assertion (WebAuthn L3 §7.2) and starts
// the session; the script then goes on to the continuation.
func (l *Login) finishPasskeyLogin(w http.ResponseWriter, r *http.Request) {
	req, ok := readPasskeyRequest(w, r)
	if !ok {
		return
	}
	if !l.ours(req.Weiter) {
		WritePasskeyProblem(w, r, http.StatusBadRequest, PasskeyBadRequest)
		return
	}
	acct, cred, err := l.verifyDiscoverable(r, req)
	if err == nil {
		err = l.Accounts.Store.PasskeyUsed(r.Context(), acct.ID, cred)
	}
	if err == nil {
		err = l.startSessionAMR(w, r, acct.ID, append(passkeyAMR(cred), amrMFA))
	}
	l.recordPasskeyLogin(r, acct, cred, err)
	if err != nil {
		l.passkeyFailed(w, r, err)
		return
	}
	WriteJSON(w, http.StatusOK, map[string]string{"weiter": orHome(req.Weiter)})
}

// verifyDiscoverable takes the ceremony and checks the assertion; it
// returns the account (also on some failures, for the audit log) and the
// credential as updated by the assertion.
func (l *Login) verifyDiscoverable(r *http.Request, req *passkeyRequest) (*account.Account, *webauthn.Credential, error) {
	rp, err := l.relyingParty()
	if err != nil {
		return nil, nil, err
	}
	sd, err := l.challenges().take(r.Context(), req.Ceremony, purposeLogin, "")
	if err != nil {
		return nil, nil, err
	}
	parsed, err := protocol.ParseCredentialRequestResponseBytes(req.Credential)
	if err != nil {
		return nil, nil, errors.Join(errPasskeyInvalid, err)
	}
	user, cred, err := rp.ValidatePasskeyLogin(l.discoverableUser(r.Context()), *sd, parsed)
	if err != nil {
		return nil, nil, errors.Join(errPasskeyInvalid, err)
	}
	acct, err := l.Accounts.Store.GetByID(r.Context(), user.(*passkeyUser).accountID)
	if err == nil && acct.State != account.Active {
		err = errAccountInactive // disabled, or the address not confirmed yet
	}
	return acct, cred, err
}
