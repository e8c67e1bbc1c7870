package portal

import (
	"net/http"
	"net/url"
	"time"
)

// The session countdown: every page of a logged-in browser shows when
// its login session ends and offers to extend it (WCAG 2.2.1 Timing
// Adjustable: warned before the end, at least 20 seconds to react,
// extended with one action). The login's owner (idp/console) sets the
// Portal's SessionEnd, SessionExtend and SessionLogin; without
// SessionEnd nothing is shown.

// sessionWarn is how long before the end the warning appears.
const sessionWarn = 5 * time.Minute

// SessionTimer is the countdown region of the layout (Page.Session).
type SessionTimer struct {
	End    time.Time
	Extend string
	Logout string // "" : no logout button
	Login  string // with "weiter" back to the page shown
	Warn   int    // seconds before the end the script warns
	Left   int    // whole minutes left when the page was made
	lang   string
}

// sessionTimer is the region for this request, nil without a session.
func (p *Portal) sessionTimer(r *http.Request, lang string) *SessionTimer {
	end, ok := p.sessionEnd(r)
	if !ok {
		return nil
	}
	back := url.Values{"weiter": {r.URL.RequestURI()}}.Encode()
	return &SessionTimer{End: end.UTC(), Extend: p.SessionExtend, Logout: p.SessionLogout, Login: p.SessionLogin + "?" + back,
		Warn: int(sessionWarn.Seconds()), Left: int(end.Sub(p.now()).Minutes()), lang: lang}
}

// sessionEnd is the end of the browser's login session, false without one.
func (p *Portal) sessionEnd(r *http.Request) (time.Time, bool) {
	if p.SessionEnd == nil {
		return time.Time{}, false
	}
	return p.SessionEnd(r)
}

// EndAttr is the end for the script (RFC 3339, UTC).
func (s *SessionTimer) EndAttr() string { return s.End.Format(time.RFC3339) }

// Say is one of the region's texts in the page's language.
func (s *SessionTimer) Say(key string, args ...any) string {
	return sessionTexts.Text(key, s.lang, args...)
}

var sessionTexts = Texts{
	"label": {"Ihre Sitzung", "Your session"},
	"left": {"Ihre Sitzung endet in %d Minuten, wenn Sie nichts tun.",
		"Your session ends in %d minutes if you do nothing."},
	"left_soon": {"Ihre Sitzung endet in weniger als einer Minute, wenn Sie nichts tun.",
		"Your session ends in less than a minute if you do nothing."},
	"countdown": {"Ihre Sitzung endet in", "Your session ends in"},
	"warning": {"Ihre Sitzung endet bald. Wählen Sie „Sitzung verlängern“, um angemeldet zu bleiben.",
		"Your session ends soon. Choose “Extend session” to stay signed in."},
	"extended": {"Ihre Sitzung wurde verlängert.", "Your session has been extended."},
	"failed": {"Die Sitzung konnte nicht verlängert werden. Bitte versuchen Sie es erneut.",
		"The session could not be extended. Please try again."},
	"expired": {"Ihre Sitzung ist abgelaufen. Ungespeicherte Eingaben sind verloren.",
		"Your session has expired. Unsaved input is lost."},
	"login":  {"Erneut anmelden", "Sign in again"},
	"extend": {"Sitzung verlängern", "Extend session"},
	"logout": {"Abmelden", "Log out"},
	"min":    {"Min.", "min"},
	"sec":    {"Sek.", "s"},
}
