package idp

import (
	"context"
	"errors"
	"net/http"

	"mvnk/audit"
	"mvnk/idp/account"
)

// AccountForgetter revokes what the provider issued for an account before
// it is deleted (*Provider.ForgetAccount).
type AccountForgetter interface {
	ForgetAccount(ctx context.Context, accountID string) error
}

// newAccount is the body of POST /admin/v1/accounts. Staff accounts
// (Sachbearbeiter) are made here or with `mvnk account create --staff`;
// citizens register themselves, but an operator may make one too.
type newAccount struct {
	Kind          account.Kind `json:"kind"`
	Username      string       `json:"username"`
	Email         string       `json:"email"`
	EmailVerified bool         `json:"email_verified"`
	Password      string       `json:"password,omitempty"`
	Organisation  string       `json:"organisation,omitempty"`
	Roles         []string     `json:"roles,omitempty"`
}

// listAccounts answers every account, or those of ?kind=staff|citizen.
func (a *AdminAPI) listAccounts(w http.ResponseWriter, r *http.Request) {
	list, err := a.Accounts.Store.List(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	kind := account.Kind(r.URL.Query().Get("kind"))
	out := make([]*account.Account, 0, len(list))
	for _, acct := range list {
		if kind == "" || acct.Kind == kind {
			out = append(out, acct)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"accounts": out})
}

func (a *AdminAPI) getAccount(w http.ResponseWriter, r *http.Request) {
	acct, err := a.Accounts.Store.GetByID(r.Context(), r.PathValue("id"))
	if err != nil {
		a.failAccount(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, acct)
}

// createAccount makes an account; with a password and a confirmed address
// it is active at once, else pending until both are there.
func (a *AdminAPI) createAccount(w http.ResponseWriter, r *http.Request) {
	var in newAccount
	if err := decodeJSON(w, r, &in); err != nil {
		a.fail(w, r, err)
		return
	}
	if in.Kind == "" {
		in.Kind = account.Citizen
	}
	acct := &account.Account{Kind: in.Kind, Username: in.Username, Email: in.Email,
		EmailVerified: in.EmailVerified, Organisation: in.Organisation, Roles: in.Roles}
	if err := a.Accounts.Create(r.Context(), acct, in.Password); err != nil {
		a.failAccount(w, r, err)
		return
	}
	a.record(r, audit.AdminAccountCreated, acct.ID, map[string]string{"kind": string(acct.Kind)})
	w.Header().Set("Location", "/admin/v1/accounts/"+acct.ID)
	writeJSON(w, http.StatusCreated, acct)
}

// disableAccount stops all logins of the account; its sessions end at
// their next use.
func (a *AdminAPI) disableAccount(w http.ResponseWriter, r *http.Request) {
	acct, err := a.Accounts.Store.Disable(r.Context(), r.PathValue("id"))
	if err != nil {
		a.failAccount(w, r, err)
		return
	}
	a.record(r, audit.AdminAccountDisabled, acct.ID, nil)
	writeJSON(w, http.StatusOK, acct)
}

// deleteAccount revokes the account's tokens and erases its personal data.
func (a *AdminAPI) deleteAccount(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if _, err := a.Accounts.Store.GetByID(r.Context(), id); err != nil {
		a.failAccount(w, r, err)
		return
	}
	if a.Forget != nil {
		if err := a.Forget.ForgetAccount(r.Context(), id); err != nil {
			a.fail(w, r, err)
			return
		}
	}
	if _, err := a.Accounts.Store.Delete(r.Context(), id); err != nil {
		a.failAccount(w, r, err)
		return
	}
	a.record(r, audit.AdminAccountDeleted, id, nil)
	w.WriteHeader(http.StatusNoContent)
}

// failAccount answers the account store's refusals as problems.
func (a *AdminAPI) failAccount(w http.ResponseWriter, r *http.Request, err error) {
	var ve *account.ValidationError
	var pe *account.PasswordError
	switch {
	case errors.As(err, &ve):
		p := problemFor(http.StatusUnprocessableEntity, "Die Angaben zum Konto sind nicht gültig; siehe errors.")
		p.Errors = []FieldError{{Field: ve.Field, Detail: ve.Msg}}
		writeProblem(w, p)
	case errors.As(err, &pe):
		p := problemFor(http.StatusUnprocessableEntity, "Das Passwort erfüllt die Regeln nicht; siehe errors.")
		for _, key := range pe.Problems {
			p.Errors = append(p.Errors, FieldError{Field: "password", Detail: account.Message(key)})
		}
		writeProblem(w, p)
	case errors.Is(err, account.ErrUsernameTaken), errors.Is(err, account.ErrEmailTaken):
		writeProblem(w, problemFor(http.StatusConflict, "Benutzername oder E-Mail-Adresse ist schon vergeben."))
	case errors.Is(err, account.ErrNoAccount):
		writeProblem(w, problemFor(http.StatusNotFound, "Dieses Konto gibt es nicht."))
	default:
		a.fail(w, r, err)
	}
}
