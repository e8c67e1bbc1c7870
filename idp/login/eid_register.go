package login

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"mvnk/eid"
	"mvnk/idp/account"
	"mvnk/portal"
)

// An unknown eID registers a new citizen account: the identification is
// kept sealed in a cookie of this browser while the person picks a
// username and gives an e-mail address.
const (
	eidPendingAD  = "mvnk eid registration"
	eidPendingTTL = 15 * time.Minute
	msgEmailTaken = "eid.email_taken"
)

// eidPending is a finished identification waiting for its registration.
type eidPending struct {
	Result  eid.Result
	Expires time.Time
}

func (l *Login) eidPendingCookie() string { return l.cookieName() + "_eidneu" }

// startEIDRegister seals the identification and shows the form.
func (l *Login) startEIDRegister(w http.ResponseWriter, r *http.Request, res *eid.Result, weiter string) error {
	if l.Sealer == nil {
		l.Portal.Render(w, r, http.StatusBadRequest, "eid-abgelaufen", &eidPage{})
		return nil
	}
	keep := *res
	keep.Raw = nil // the evidence is in the bridge's log, not in a cookie
	raw, _ := json.Marshal(eidPending{Result: keep, Expires: l.now().Add(eidPendingTTL)})
	sealed, err := l.Sealer.Seal(raw, eidPendingAD)
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: l.eidPendingCookie(), Value: sealed, Path: pathEID,
		MaxAge: int(eidPendingTTL.Seconds()), HttpOnly: true, Secure: l.cfg.Secure, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, pathEIDRegister+"?"+url.Values{"weiter": {weiter}}.Encode(), http.StatusSeeOther)
	return nil
}

// eidPending opens the sealed identification of this browser.
func (l *Login) eidPending(r *http.Request) (*eid.Result, bool) {
	c, err := r.Cookie(l.eidPendingCookie())
	if err != nil || l.Sealer == nil {
		return nil, false
	}
	raw, err := l.Sealer.Open(c.Value, eidPendingAD)
	var p eidPending
	if err != nil || json.Unmarshal(raw, &p) != nil || l.now().After(p.Expires) {
		return nil, false
	}
	return &p.Result, true
}

// eidRegisterPage is the short form of an eID registration.
type eidRegisterPage struct {
	formPage
	Weiter   string
	Username string
	Email    string
	Name     string // the given and family names read from the eID
}

// Msg translates a form error, the eID's own texts first.
func (p *eidRegisterPage) Msg(e portal.FieldError) string {
	if _, ok := eidTexts[e.Key]; ok {
		return eidTexts.Text(e.Key, p.Lang, e.Args...)
	}
	return p.formPage.Msg(e)
}

// Field is a field's error state.
func (p *eidRegisterPage) Field(id string) portal.FieldState {
	for _, e := range p.Errors {
		if e.Field == id {
			return portal.FieldState{ID: id, Message: p.Msg(e)}
		}
	}
	return portal.FieldState{ID: id}
}

func (l *Login) showEIDRegister(w http.ResponseWriter, r *http.Request) {
	weiter := r.URL.Query().Get("weiter")
	res, ok := l.eidPending(r)
	if !l.ours(weiter) || !ok {
		l.Portal.Render(w, r, http.StatusBadRequest, "eid-abgelaufen", &eidPage{})
		return
	}
	l.allowFormTarget(w, r, weiter)
	l.Portal.Render(w, r, http.StatusOK, "eid-registrieren", eidRegisterData(res, weiter))
}

func eidRegisterData(res *eid.Result, weiter string) *eidRegisterPage {
	name := strings.TrimSpace(res.Claims[eid.GivenNames].Value + " " + res.Claims[eid.FamilyNames].Value)
	return &eidRegisterPage{formPage: formPage{portal.Page{ReturnTo: "/"}}, Weiter: weiter, Name: name}
}

// eidRegisterErrors checks the form; e-mail taken is said plainly, as
// the person has just proven who they are.
func eidRegisterErrors(username, email string, err error) []portal.FieldError {
	switch {
	case err == nil && username == "":
		return fieldError("username", msgUsernameMissing)
	case err == nil && (email == "" || !strings.Contains(email, "@")):
		return fieldError("email", msgEmailInvalid)
	case err == nil:
		return nil
	case errors.Is(err, account.ErrEmailTaken):
		return fieldError("email", msgEmailTaken)
	}
	return registerErrors(err)
}
