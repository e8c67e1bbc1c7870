package login

import (
	"errors"
	"net/http"
	"slices"

	"mvnk/idp/account"
)

// amrMFA marks a login with more than one factor (RFC 8176 §2).
const amrMFA = "mfa"

// pendingCookieName is the pending login's own cookie, __Host- on https
// like the session cookie (RFC 6265bis §4.1.3.2).
func (l *Login) pendingCookieName() string {
	if l.cfg.Secure {
		return "__Host-mvnk_2fa"
	}
	return "mvnk_2fa"
}

func (l *Login) setPendingCookie(w http.ResponseWriter, id string, maxAge int) {
	value := id
	if maxAge < 0 {
		value = ""
	}
	http.SetCookie(w, &http.Cookie{Name: l.pendingCookieName(), Value: value, Path: "/",
		MaxAge: maxAge, HttpOnly: true, Secure: l.cfg.Secure, SameSite: http.SameSiteLaxMode})
}

// startPending holds a correct password until the second factor: no
// session exists before it is passed.
func (l *Login) startPending(w http.ResponseWriter, r *http.Request, accountID, weiter string) error {
	id, err := l.pending().create(r.Context(), accountID, weiter, []string{amrPassword})
	if err != nil {
		return err
	}
	l.setPendingCookie(w, id, int(pendingTTL.Seconds()))
	return nil
}

// pendingLogin is the browser's live pending login of an active
// account, or ErrNoPending.
func (l *Login) pendingLogin(r *http.Request) (*Pending, error) {
	var id string
	if c, err := r.Cookie(l.pendingCookieName()); err == nil {
		id = c.Value
	}
	p, err := l.pending().get(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if err := l.stillActive(r.Context(), p.AccountID); errors.Is(err, ErrNoSession) {
		return nil, ErrNoPending
	} else if err != nil {
		return nil, err
	}
	return p, nil
}

// finishSecondFactor ends a pending login whose second factor passed
// (amr names it, RFC 8176): the pending login is deleted — once, so two
// parallel finishes start one session —, the session starts with
// amr = pwd, amr…, mfa, and the browser goes on to the continuation.
func (l *Login) finishSecondFactor(w http.ResponseWriter, r *http.Request, p *Pending, amr ...string) error {
	if err := l.completeSecondFactor(w, r, p, amr...); err != nil {
		return err
	}
	http.Redirect(w, r, orHome(p.Weiter), http.StatusSeeOther)
	return nil
}

// completeSecondFactor is finishSecondFactor without the redirect, for
// a page that shows something first (the new recovery codes).
func (l *Login) completeSecondFactor(w http.ResponseWriter, r *http.Request, p *Pending, amr ...string) error {
	ctx := r.Context()
	if err := l.pending().delete(ctx, p); err != nil {
		return err
	}
	l.setPendingCookie(w, "", -1)
	if err := l.Accounts.ResetSecondFactor(ctx, p.AccountID); err != nil {
		return err
	}
	all := mfaAMR(p.AMR, amr)
	if err := l.startSessionAMR(w, r, p.AccountID, all); err != nil {
		return err
	}
	l.recordSecondFactor(r, p.AccountID, nil, map[string]string{"amr": joinAMR(all)})
	return nil
}

// mfaAMR is pwd, the factors proven, and mfa, each once.
func mfaAMR(sofar, more []string) []string {
	out := []string{amrPassword}
	for _, v := range append(append(slices.Clone(sofar), more...), amrMFA) {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// needsSecondFactor: staff always, a citizen who has set one up.
func (l *Login) needsSecondFactor(r *http.Request, acct *account.Account) (bool, error) {
	if acct.NeedsSecondFactor() {
		return true, nil
	}
	f, err := l.Accounts.Store.Factors(r.Context(), acct.ID)
	return f.Any(), err
}
