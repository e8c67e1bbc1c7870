package login

import (
	"errors"
	"net/http"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"

	"mvnk/idp/account"
)

// StartPasskeyRegistration answers the console script's start request
// for acct (logged in): the creation options for a discoverable,
// user-verified credential, excluding the passkeys it has already
// (WebAuthn L3 §5.4.3 excludeCredentials). The body names the passkey,
// checked here so nobody goes through the authenticator for nothing.
func (l *Login) StartPasskeyRegistration(w http.ResponseWriter, r *http.Request, acct *account.Account) {
	req, ok := readPasskeyRequest(w, r)
	if !ok || !l.checkNewPasskey(w, r, acct, req.Name) {
		return
	}
	user, err := l.loadUser(r.Context(), acct)
	if err != nil {
		l.passkeyServerError(w, r, err)
		return
	}
	rp, err := l.relyingParty()
	if err != nil {
		l.passkeyFailed(w, r, err)
		return
	}
	opts, sd, err := rp.BeginRegistration(user,
		webauthn.WithExclusions(webauthn.Credentials(user.creds).CredentialDescriptors()),
		webauthn.WithResidentKeyRequirement(protocol.ResidentKeyRequirementRequired))
	var id string
	if err == nil {
		id, err = l.challenges().save(r.Context(), purposeRegister, acct.ID, clientIP(r), sd)
	}
	if err != nil {
		l.passkeyFailed(w, r, err)
		return
	}
	WriteJSON(w, http.StatusOK, ceremonyStart{Ceremony: id, PublicKey: opts.Response})
}

// checkNewPasskey: a valid name and room for one more; else answered.
func (l *Login) checkNewPasskey(w http.ResponseWriter, r *http.Request, acct *account.Account, name string) bool {
	if _, err := account.CheckPasskeyName(name); err != nil {
		WritePasskeyProblem(w, r, http.StatusUnprocessableEntity, PasskeyName)
		return false
	}
	f, err := l.Accounts.Store.Factors(r.Context(), acct.ID)
	if err != nil {
		l.passkeyServerError(w, r, err)
		return false
	}
	if f.Passkeys >= account.MaxPasskeys {
		WritePasskeyProblem(w, r, http.StatusConflict, PasskeyTooMany)
		return false
	}
	return true
}

// FinishPasskeyRegistration verifies the attestation (WebAuthn L3 §7.1)
// and stores the passkey under the name the body carries. On failure it
// has answered with a problem and returns nil.
func (l *Login) FinishPasskeyRegistration(w http.ResponseWriter, r *http.Request, acct *account.Account) *account.Passkey {
	req, ok := readPasskeyRequest(w, r)
	if !ok {
		return nil
	}
	cred, err := l.verifyRegistration(r, req, acct)
	var p *account.Passkey
	if err == nil {
		p, err = l.Accounts.Store.AddPasskey(r.Context(), acct.ID, req.Name, cred)
	}
	switch {
	case errors.Is(err, account.ErrPasskeyName):
		WritePasskeyProblem(w, r, http.StatusUnprocessableEntity, PasskeyName)
	case errors.Is(err, account.ErrTooManyPasskeys):
		WritePasskeyProblem(w, r, http.StatusConflict, PasskeyTooMany)
	case errors.Is(err, account.ErrPasskeyExists):
		WritePasskeyProblem(w, r, http.StatusConflict, PasskeyExists)
	case err != nil:
		l.passkeyFailed(w, r, err)
	}
	return p
}

func (l *Login) verifyRegistration(r *http.Request, req *passkeyRequest, acct *account.Account) (*webauthn.Credential, error) {
	rp, err := l.relyingParty()
	if err != nil {
		return nil, err
	}
	sd, err := l.challenges().take(r.Context(), req.Ceremony, purposeRegister, acct.ID)
	if err != nil {
		return nil, err
	}
	user, err := l.loadUser(r.Context(), acct)
	if err != nil {
		return nil, err
	}
	parsed, err := protocol.ParseCredentialCreationResponseBytes(req.Credential)
	if err != nil {
		return nil, errors.Join(errPasskeyInvalid, err)
	}
	cred, err := rp.CreateCredential(user, *sd, parsed)
	if err != nil {
		return nil, errors.Join(errPasskeyInvalid, err)
	}
	return cred, nil
}
