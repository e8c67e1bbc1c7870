package portal

import (
	"bytes"
	"fmt"
	"net/http"
)

// Render shows the page template name inside the layout with status. data
// is a pointer to the page's struct (which embeds Page), or nil for a page
// without data of its own. An execution error becomes the 500 page.
func (p *Portal) Render(w http.ResponseWriter, r *http.Request, status int, name string, data Pager) {
	if data == nil {
		data = &Page{}
	}
	lang := p.language(r)
	p.fill(w, r, data.page(), lang)
	page, ok := p.pages.lookup(name, lang)
	if !ok {
		p.renderFailed(w, r, name, fmt.Errorf("no page template %q", name))
		return
	}
	var buf bytes.Buffer
	if err := page.ExecuteTemplate(&buf, "layout", data); err != nil {
		p.renderFailed(w, r, name, fmt.Errorf("render %q: %w", name, err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", lang)
	h.Set("Cache-Control", "no-store") // pages carry a per-session CSRF token
	h.Add("Vary", "Accept-Language, Cookie")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// fill sets the request-bound fields of the page base.
func (p *Portal) fill(w http.ResponseWriter, r *http.Request, pg *Page, lang string) {
	pg.Lang = lang
	pg.loc = p.i18n.Localizer(lang)
	pg.CSRFToken = p.csrfToken(w, r)
	pg.Dev = p.cfg.Dev
	pg.Version = p.cfg.Version
	pg.Path = r.URL.Path
	if pg.ReturnTo == "" {
		pg.ReturnTo = r.URL.RequestURI()
	}
	pg.assetPrefix = p.assets.prefix()
	pg.Session = p.sessionTimer(r, lang)
	pg.Nav = visibleNav(p.navItems(), pg.Session != nil)
}

// renderFailed handles a page that could not be rendered: the 500 page,
// or, if the error page itself failed, a plain German text.
func (p *Portal) renderFailed(w http.ResponseWriter, r *http.Request, name string, err error) {
	if name != errorTemplate {
		p.ServerError(w, r, err)
		return
	}
	p.logger.ErrorContext(r.Context(), "error page failed", "err", err)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	_, _ = fmt.Fprintln(w, "Es ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.")
}
