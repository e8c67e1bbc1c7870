package devlogin

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"mvnk/idp"
)

// Authenticate implements idp.Authenticator: the browser's demo login if
// it satisfies prompt=login and max_age (OIDC Core §3.1.2.1), otherwise
// the page — or, for prompt=none, nothing.
func (l *Login) Authenticate(w http.ResponseWriter, r *http.Request, req idp.LoginRequest) (*idp.Authentication, bool) {
	if subject, ok := strings.CutPrefix(req.LoginHint, HintPrefix); ok {
		if _, known := find(subject); known {
			a, err := l.logIn(w, r, subject)
			return a, err == nil
		}
	}
	if a, ok := l.current(r); ok && l.fresh(a, req) {
		return a, true
	}
	if !req.Interactive {
		return nil, false
	}
	http.Redirect(w, r, pagePath+"?"+url.Values{"weiter": {req.ResumeURL}}.Encode(), http.StatusSeeOther)
	return nil, false
}

// fresh: prompt=login wants a login after the request was made, max_age
// one no older than it allows.
func (l *Login) fresh(a *idp.Authentication, req idp.LoginRequest) bool {
	if slices.Contains(req.Prompt, "login") && a.AuthTime.Before(req.RequestedAt.Truncate(time.Second)) {
		return false
	}
	if req.MaxAge != nil && l.Now().Sub(a.AuthTime) > *req.MaxAge {
		return false
	}
	return true
}

// current reads the demo login from its cookie (signed and encrypted with
// the keys from keys/).
func (l *Login) current(r *http.Request) (*idp.Authentication, bool) {
	s, err := l.Portal.Session(r, cookieName)
	if err != nil {
		return nil, false
	}
	subject, _ := s.Values["sub"].(string)
	at, _ := s.Values["at"].(int64)
	sid, _ := s.Values["sid"].(string)
	if _, ok := find(subject); !ok || sid == "" {
		return nil, false
	}
	return l.authentication(subject, time.Unix(at, 0).UTC(), sid), true
}

// logIn starts a new demo login session for subject.
func (l *Login) logIn(w http.ResponseWriter, r *http.Request, subject string) (*idp.Authentication, error) {
	s, err := l.Portal.Session(r, cookieName)
	if err != nil {
		return nil, err
	}
	now := l.Now().Truncate(time.Second)
	a := l.authentication(subject, now, newSessionID())
	s.Values["sub"], s.Values["at"], s.Values["sid"] = a.Subject, now.Unix(), a.SessionID
	if err := s.Save(r, w); err != nil {
		l.Log.Error("devlogin: save session", "err", err)
		return nil, err
	}
	l.Log.Info("devlogin: demo login", "subject", subject)
	return a, nil
}

var _ idp.SessionEnder = (*Login)(nil)

// EndSession forgets the demo login of the browser when its session sid
// is logged out (RP-Initiated Logout 1.0 §2).
func (l *Login) EndSession(w http.ResponseWriter, r *http.Request, sid string) error {
	s, err := l.Portal.Session(r, cookieName)
	if err != nil {
		return err
	}
	if current, _ := s.Values["sid"].(string); current != sid {
		return nil
	}
	s.Options.MaxAge = -1
	clear(s.Values)
	return s.Save(r, w)
}
