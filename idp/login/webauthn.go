package login

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"

	"mvnk/idp/account"
)

// rpDisplayName is the relying party's name an authenticator shows.
const rpDisplayName = "MV-Nutzerkonto"

// errNoRelyingParty: the issuer's host cannot be a WebAuthn RP ID (an IP
// address, WebAuthn L3 §5.1.4.1), so passkeys are off on this instance.
var errNoRelyingParty = errors.New("login: issuer host is no valid WebAuthn RP ID")

// relyingParty is the WebAuthn relying party of the issuer: RP ID its
// host, the one origin its scheme and host (WebAuthn L3 §5.1.4, §13.4.9).
// Every ceremony demands user verification, so a passkey alone is a
// multi-factor login; registration asks for a discoverable credential
// (a passkey) and no attestation, which a citizen's login does not need.
func (l *Login) relyingParty() (*webauthn.WebAuthn, error) {
	u, err := url.Parse(l.cfg.Issuer)
	if err != nil || protocol.ValidateRPID(u.Hostname()) != nil {
		return nil, errNoRelyingParty
	}
	timeout := webauthn.TimeoutConfig{Enforce: true, Timeout: ceremonyTTL, TimeoutUVD: ceremonyTTL}
	return webauthn.New(&webauthn.Config{
		RPID: u.Hostname(), RPDisplayName: rpDisplayName, RPOrigins: []string{u.Scheme + "://" + u.Host},
		AttestationPreference: protocol.PreferNoAttestation,
		AuthenticatorSelection: protocol.AuthenticatorSelection{
			RequireResidentKey: protocol.ResidentKeyRequired(),
			ResidentKey:        protocol.ResidentKeyRequirementRequired,
			UserVerification:   protocol.VerificationRequired,
		},
		Timeouts: webauthn.TimeoutsConfig{Login: timeout, Registration: timeout},
	})
}

// passkeyUser is an account as go-webauthn sees it: the random user
// handle, never the account id, and the account's credentials.
type passkeyUser struct {
	accountID string
	handle    []byte
	name      string
	creds     []webauthn.Credential
}

func (u *passkeyUser) WebAuthnID() []byte                         { return u.handle }
func (u *passkeyUser) WebAuthnName() string                       { return u.name }
func (u *passkeyUser) WebAuthnDisplayName() string                { return u.name }
func (u *passkeyUser) WebAuthnCredentials() []webauthn.Credential { return u.creds }

// loadUser gathers an account's user handle and passkeys.
func (l *Login) loadUser(ctx context.Context, acct *account.Account) (*passkeyUser, error) {
	st := l.Accounts.Store
	handle, err := st.WebAuthnUserHandle(ctx, acct.ID)
	if err != nil {
		return nil, err
	}
	keys, err := st.Passkeys(ctx, acct.ID)
	if err != nil {
		return nil, err
	}
	u := &passkeyUser{accountID: acct.ID, handle: handle, name: acct.Username}
	for _, k := range keys {
		u.creds = append(u.creds, k.Credential)
	}
	return u, nil
}

// discoverableUser is go-webauthn's DiscoverableUserHandler: the account
// the passkey's user handle names.
func (l *Login) discoverableUser(ctx context.Context) webauthn.DiscoverableUserHandler {
	return func(_, userHandle []byte) (webauthn.User, error) {
		id, err := l.Accounts.Store.AccountByUserHandle(ctx, userHandle)
		if err != nil {
			return nil, err
		}
		acct, err := l.Accounts.Store.GetByID(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("passkey owner: %w", err)
		}
		return l.loadUser(ctx, acct)
	}
}

// passkeyAMR names what a user-verified passkey proved (RFC 8176 §2):
// "hwk" a key bound to its device, or "swk" for one whose backup
// eligibility says it is synced through a software keychain; "user",
// the presence test every assertion carries (UP); and, as the
// authenticator verified the user with a PIN or biometric (UV) besides
// the possession of the key, the login is multi-factor on its own —
// "mfa" (NIST SP 800-63B §5.1.8, multi-factor cryptographic
// authenticator). The modality of UV is not disclosed, so neither "pin"
// nor "fpt" is claimed.
func passkeyAMR(cred *webauthn.Credential) []string {
	key := "hwk"
	if cred.Flags.BackupEligible {
		key = "swk"
	}
	return []string{key, "user"}
}
