package idp

import (
	"embed"
	"html/template"
	"net/http"

	"mvnk/store"
)

//go:embed templates/*.html
var templateFS embed.FS

// parsePages parses the provider's two pages once at start-up.
func parsePages(issuer string) (*template.Template, error) {
	return template.New("").Funcs(template.FuncMap{
		"issuer": func() string { return issuer },
	}).ParseFS(templateFS, "templates/*.html")
}

// errorPage is what a browser sees when the request cannot go back to the
// client, above all for an unknown client or an unregistered redirect_uri
// (RFC 6749 §4.1.2.1: MUST NOT redirect). German first; details go to the
// log under the reference.
type errorPage struct {
	Message   string
	Reference string
}

const (
	msgInvalidRequest = "Die Anwendung hat eine ungültige Anmeldeanfrage gesendet."
	msgExpired        = "Die Anmeldung hat zu lange gedauert oder der Link ist ungültig."
)

func (p *Provider) showError(w http.ResponseWriter, r *http.Request, status int, msg string, cause error) {
	ref := store.NewID()[:10]
	p.log.Warn("idp: authorization request refused", "ref", ref, "path", r.URL.Path, "err", cause)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := p.pages.ExecuteTemplate(w, "error.html", errorPage{Message: msg, Reference: ref}); err != nil {
		p.log.Error("idp: render error page", "err", err)
	}
}

// formPostScript submits the form_post page; a file, not an inline
// script, so the strict CSP holds (OAuth 2.0 Form Post Response Mode §2).
func (p *Provider) formPostScript(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	_, _ = w.Write([]byte(`document.getElementById("form_post").submit();` + "\n"))
}
