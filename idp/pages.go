package idp

import (
	"embed"
	"html/template"
	"net/http"

	"mvnk/portal"
	"mvnk/store"
)

//go:embed templates/*.html templates/pages/*.html
var templateFS embed.FS

// parsePages parses the form_post page once at start-up (fosite renders
// it; it submits itself at once and has no shell) and adds the provider's
// other pages to the portal, whose layout they share.
func parsePages(issuer string, shell *portal.Portal) (*template.Template, error) {
	if err := shell.AddPages(templateFS, "templates/pages"); err != nil {
		return nil, err
	}
	return template.New("").Funcs(template.FuncMap{
		"issuer": func() string { return issuer },
	}).ParseFS(templateFS, "templates/*.html")
}

// errorPage is what a browser sees when the request cannot go back to the
// client, above all for an unknown client or an unregistered redirect_uri
// (RFC 6749 §4.1.2.1: MUST NOT redirect). Details go to the log under the
// reference.
type errorPage struct {
	portal.Page
	Message   message
	Reference string
}

// protocolPage is the base of the provider's pages. Their URL carries the
// protocol request (tokens, one-time values), so the language switch must
// not echo it back into the page: it returns to the start page.
func protocolPage() portal.Page { return portal.Page{ReturnTo: "/"} }

// message is a text of the provider's pages in German and English.
type message struct{ De, En string }

var (
	msgInvalidRequest = message{"Die Anwendung hat eine ungültige Anmeldeanfrage gesendet.",
		"The application sent an invalid sign-in request."}
	msgExpired = message{"Die Anmeldung hat zu lange gedauert oder der Link ist ungültig.",
		"The sign-in took too long or the link is not valid."}
)

func (p *Provider) showError(w http.ResponseWriter, r *http.Request, status int, msg message, cause error) {
	ref := store.NewID()[:10]
	p.log.Warn("idp: authorization request refused", "ref", ref, "path", r.URL.Path, "err", cause)
	w.Header().Set("Cache-Control", "no-store")
	p.shell.Render(w, r, status, "idp-error", &errorPage{Page: protocolPage(), Message: msg, Reference: ref})
}

// formPostScript submits the form_post page; a file, not an inline
// script, so the strict CSP holds (OAuth 2.0 Form Post Response Mode §2).
func (p *Provider) formPostScript(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	_, _ = w.Write([]byte(`document.getElementById("form_post").submit();` + "\n"))
}
