package login

import (
	"net/http"
	"time"
)

// cookieName is the login cookie; on https it carries the __Host- prefix,
// so no subdomain and no plain-http page can set it (RFC 6265bis §4.1.3.2).
func (l *Login) cookieName() string {
	if l.cfg.Secure {
		return "__Host-mvnk_login"
	}
	return "mvnk_login"
}

// cookieID is the browser's plain session id, "" without a cookie.
func (l *Login) cookieID(r *http.Request) string {
	c, err := r.Cookie(l.cookieName())
	if err != nil {
		return ""
	}
	return c.Value
}

// setCookie hands the browser its session id. It lasts as long as the
// session can (the absolute end); the server decides about the idle end.
func (l *Login) setCookie(w http.ResponseWriter, id string, maxAge time.Duration) {
	http.SetCookie(w, &http.Cookie{Name: l.cookieName(), Value: id, Path: "/",
		MaxAge: int(maxAge.Seconds()), HttpOnly: true, Secure: l.cfg.Secure, SameSite: http.SameSiteLaxMode})
}

func (l *Login) clearCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: l.cookieName(), Value: "", Path: "/",
		MaxAge: -1, HttpOnly: true, Secure: l.cfg.Secure, SameSite: http.SameSiteLaxMode})
}
