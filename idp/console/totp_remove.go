package console

import (
	"net/http"
	"strings"

	"mvnk/audit"
	"mvnk/portal"
)

// removeTOTP deletes the TOTP after a proof that the owner is at the
// keyboard: the password (throttled like a login) or a current code. With
// no factor left, the recovery codes go too: they stand in for none.
func (c *Console) removeTOTP(w http.ResponseWriter, r *http.Request, v *Viewer) {
	if errs := c.proveOwner(r, v); len(errs) > 0 {
		data, err := c.totpData(r, v)
		if err != nil {
			c.Portal.ServerError(w, r, err)
			return
		}
		data.Errors = errs
		c.renderTOTP(w, r, http.StatusUnprocessableEntity, "totp", data)
		return
	}
	if err := c.dropTOTP(r, v); err != nil {
		c.Portal.ServerError(w, r, err)
		return
	}
	http.Redirect(w, r, pathTOTP+"?hinweis=entfernt", http.StatusSeeOther)
}

// proveOwner checks the current code if one was typed, else the password.
func (c *Console) proveOwner(r *http.Request, v *Viewer) []portal.FieldError {
	code, password := strings.TrimSpace(r.PostFormValue("code")), r.PostFormValue("current_password")
	switch {
	case code != "" && c.Login.Sealer != nil:
		err := c.Accounts.ReserveSecondFactor(r.Context(), v.Account.ID)
		if err == nil {
			err = c.Accounts.Store.VerifyTOTP(r.Context(), c.Login.Sealer, v.Account.ID, code)
		}
		if err != nil {
			c.Login.RecordMFA(r, v.Account.ID, audit.SecondFactorFailure, map[string]string{"page": "totp-entfernen"})
			return []portal.FieldError{fieldError("code", msgTOTPCodeWrong)}
		}
		_ = c.Accounts.ResetSecondFactor(r.Context(), v.Account.ID) // a stale counter only delays
		return nil
	case password != "":
		return c.checkCurrent(r, v.Account, password, "current_password")
	}
	return []portal.FieldError{fieldError("current_password", msgTOTPProof)}
}

func (c *Console) dropTOTP(r *http.Request, v *Viewer) error {
	ctx := r.Context()
	if err := c.Accounts.Store.RemoveTOTP(ctx, v.Account.ID); err != nil {
		return err
	}
	c.Login.RecordMFA(r, v.Account.ID, audit.MFATOTPRemoved, map[string]string{"where": "console"})
	f, err := c.Accounts.Store.Factors(ctx, v.Account.ID)
	if err != nil || f.Any() {
		return err
	}
	return c.Accounts.Store.DeleteRecoveryCodes(ctx, v.Account.ID)
}
