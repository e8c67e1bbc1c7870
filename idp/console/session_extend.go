package console

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"mvnk/idp/login"
)

// pathExtend is the "Sitzung verlängern" button of every page (the
// portal's session region, WCAG 2.2.1).
const pathExtend = Path + "/sitzung/verlaengern"

// sessionEnd is the portal's SessionEnd hook: the end of the browser's
// live login session. Looking it up counts as activity, as any page does.
func (c *Console) sessionEnd(r *http.Request) (time.Time, bool) {
	if v, ok := r.Context().Value(viewerKey{}).(*Viewer); ok {
		return c.Login.Sessions.Ends(v.Session), true
	}
	sess, err := c.Login.Viewer(r)
	if err != nil {
		if !errors.Is(err, login.ErrNoSession) {
			c.Log.Warn("console: session lookup for the countdown", "err", err)
		}
		return time.Time{}, false
	}
	return c.Login.Sessions.Ends(sess), true
}

// extendSession touches the session whatever its last use. A script
// (Accept: application/json) gets {"ende": RFC 3339}, or 401 after the
// end; a plain form goes back to the page it came from.
func (c *Console) extendSession(w http.ResponseWriter, r *http.Request) {
	asJSON := strings.Contains(r.Header.Get("Accept"), "application/json")
	sess, err := c.Login.Viewer(r)
	if err == nil {
		err = c.Login.Sessions.Touch(r.Context(), sess)
	}
	switch {
	case errors.Is(err, login.ErrNoSession) && asJSON:
		writeJSON(w, http.StatusUnauthorized, map[string]string{"fehler": "sitzung_beendet"})
	case errors.Is(err, login.ErrNoSession):
		http.Redirect(w, r, "/anmelden?"+url.Values{"weiter": {back(r)}}.Encode(), http.StatusSeeOther)
	case err != nil:
		c.Portal.ServerError(w, r, err)
	case asJSON:
		writeJSON(w, http.StatusOK, map[string]string{"ende": c.Login.Sessions.Ends(sess).UTC().Format(time.RFC3339)})
	default:
		http.Redirect(w, r, back(r), http.StatusSeeOther)
	}
}

// back is the page a plain form came from: a local path only, never
// another host (open redirect).
func back(r *http.Request) string {
	to := r.PostFormValue("zurueck")
	if !strings.HasPrefix(to, "/") || strings.HasPrefix(to, "//") || strings.HasPrefix(to, "/\\") {
		return Path
	}
	return to
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
