package portal

import (
	"net/http"
	"net/url"
	"strings"
	"time"
)

// langCookie stores the language chosen with the switch; without it the
// Accept-Language header decides.
const langCookie = "mvnk_lang"

// language picks the request's language: the switch's cookie first, then
// Accept-Language, then German.
func (p *Portal) language(r *http.Request) string {
	pref := ""
	if c, err := r.Cookie(langCookie); err == nil {
		pref = c.Value
	}
	return p.i18n.Negotiate(pref, r.Header.Get("Accept-Language"))
}

func (p *Portal) setLanguageCookie(w http.ResponseWriter, lang string) {
	http.SetCookie(w, &http.Cookie{
		Name:     langCookie,
		Value:    lang,
		Path:     "/",
		MaxAge:   int((365 * 24 * time.Hour).Seconds()),
		HttpOnly: true,
		Secure:   p.secure(),
		SameSite: http.SameSiteLaxMode,
	})
}

// localPath returns target if it is a path on this site, else "/", so a
// form field cannot send the user elsewhere (no open redirect).
func localPath(target string) string {
	if !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") || strings.HasPrefix(target, "/\\") {
		return "/"
	}
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return target
}
