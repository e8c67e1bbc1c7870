package login

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"mvnk/eid"
	"mvnk/eid/trust"
	"mvnk/portal"
)

// Paths of the eID login ("Mit Online-Ausweis anmelden" and step-up).
const (
	pathEID         = "/anmelden/eid"
	pathEIDDone     = "/anmelden/eid/fertig"
	pathEIDRegister = "/anmelden/eid/registrieren"
	// pathBridgePages is where a bridge with pages of its own (the eID
	// simulator, an http.Handler) is served.
	pathBridgePages = "/eid-simulator"
	eidCookieTTL    = 15 * time.Minute
)

func (l *Login) mountEID(mux *http.ServeMux) {
	mux.HandleFunc("GET "+pathEID, l.showEID)
	mux.HandleFunc("POST "+pathEID, l.startEID)
	mux.HandleFunc("GET "+pathEIDDone, l.finishEID)
	mux.HandleFunc("GET "+pathEIDRegister, l.showEIDRegister)
	mux.HandleFunc("POST "+pathEIDRegister, l.submitEIDRegister)
	mux.HandleFunc(pathBridgePages, l.bridgePages)
}

// eidStartURL is the eID page for a step-up of the authorization weiter
// to level need. The provider checks the level again on resume, so an
// edited niveau gains nothing.
func eidStartURL(weiter string, need trust.Level) string {
	return pathEID + "?" + url.Values{"weiter": {weiter}, "niveau": {strconv.Itoa(int(need))}}.Encode()
}

// eidPage explains the identification before it starts.
type eidPage struct {
	formPage
	Weiter string
	Niveau int
	Level  string // German name of the level
	Attrs  []eid.Attr
	StepUp bool // a session is there: the eID is linked to it
}

// showEID: "Mit Online-Ausweis identifizieren" — what happens, which
// data are read.
func (l *Login) showEID(w http.ResponseWriter, r *http.Request) {
	weiter := r.URL.Query().Get("weiter")
	if !l.ours(weiter) || l.Bridge == nil {
		l.Portal.Render(w, r, http.StatusBadRequest, "login-ungueltig", nil)
		return
	}
	need := eidLevel(r.URL.Query().Get("niveau"))
	_, _, hasSession := l.current(r)
	data := &eidPage{formPage: formPage{portal.Page{ReturnTo: "/"}}, Weiter: weiter, Niveau: int(need),
		Level: need.German(), StepUp: hasSession}
	data.Attrs = eidAttrOrder
	l.allowBridgeTargets(w)
	l.Portal.Render(w, r, http.StatusOK, "eid", data)
}

// eidLevel is the level asked for: at least substanziell (no eID proves
// less), hoch when not named.
func eidLevel(s string) trust.Level {
	n, err := strconv.Atoi(s)
	if err != nil || n > int(trust.Hoch) {
		return trust.Hoch
	}
	return max(trust.Level(n), trust.Substanziell)
}

// startEID begins the identification and sends the browser to it; the
// handle is bound to this browser by a cookie, so a callback link from
// someone else's identification is refused.
func (l *Login) startEID(w http.ResponseWriter, r *http.Request) {
	weiter := r.PostFormValue("weiter")
	if !l.ours(weiter) || l.Bridge == nil {
		l.Portal.Render(w, r, http.StatusBadRequest, "login-ungueltig", nil)
		return
	}
	start, err := l.Bridge.Begin(r.Context(), l.eidRequest(weiter, eidLevel(r.PostFormValue("niveau"))))
	if err != nil {
		l.Portal.ServerError(w, r, err)
		return
	}
	l.setEIDCookie(w, "_eid", start.Handle, pathEID)
	// The bridge's own pages end in the client's redirect: their forms
	// must name its origin (bridgePages).
	l.setEIDCookie(w, "_eidweiter", weiter, pathBridgePages)
	if start.FormPost != nil {
		if u, err := url.Parse(start.FormPost.Action); err == nil && u.Host != "" {
			w.Header().Set("Content-Security-Policy", portal.CSPWithFormAction(u.Scheme+"://"+u.Host))
		}
		l.Portal.Render(w, r, http.StatusOK, "eid-weiterleitung", &eidPostPage{Form: start.FormPost})
		return
	}
	http.Redirect(w, r, start.RedirectURL, http.StatusSeeOther)
}

// eidPostPage posts the browser on to the identification service (SAML
// HTTP-POST binding): a button, no script.
type eidPostPage struct {
	portal.Page
	Form *eid.FormPost
}

func (l *Login) eidRequest(weiter string, need trust.Level) eid.Request {
	return eid.Request{MinLevel: need, Attributes: eidAttributes, DisplayName: "MV-Nutzerkonto",
		ReturnURL: l.cfg.Issuer + pathEIDDone + "?" + url.Values{"weiter": {weiter}, "niveau": {strconv.Itoa(int(need))}}.Encode()}
}

func (l *Login) setEIDCookie(w http.ResponseWriter, suffix, value, path string) {
	http.SetCookie(w, &http.Cookie{Name: l.cookieName() + suffix, Value: value, Path: path,
		MaxAge: int(eidCookieTTL.Seconds()), HttpOnly: true, Secure: l.cfg.Secure, SameSite: http.SameSiteLaxMode})
}

// bridgePages serves the pages of a bridge that has its own (the eID
// simulator); 404 for any other. Their last form ends, through the
// callback and the provider, at the client: CSP form-action names it.
func (l *Login) bridgePages(w http.ResponseWriter, r *http.Request) {
	h, ok := l.Bridge.(http.Handler)
	if !ok {
		l.Portal.NotFound(w, r)
		return
	}
	if c, err := r.Cookie(l.cookieName() + "_eidweiter"); err == nil && l.ours(c.Value) {
		l.allowFormTarget(w, r, c.Value)
	}
	h.ServeHTTP(w, r)
}

// FormOrigins is implemented by a bridge whose Begin redirects to
// another origin (an eID-Client, a SAML IdP): the eID page's form must
// name it in CSP form-action, which covers the redirect after the post.
type FormOrigins interface{ FormOrigins() []string }

func (l *Login) allowBridgeTargets(w http.ResponseWriter) {
	if b, ok := l.Bridge.(FormOrigins); ok && len(b.FormOrigins()) > 0 {
		w.Header().Set("Content-Security-Policy", portal.CSPWithFormAction(b.FormOrigins()...))
	}
}
