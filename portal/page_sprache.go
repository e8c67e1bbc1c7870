package portal

import "net/http"

// showSprache offers the language choice on a page of its own, for the
// footer's switch as a plain link target.
func (p *Portal) showSprache(w http.ResponseWriter, r *http.Request) {
	p.Render(w, r, http.StatusOK, "sprache", nil)
}

// switchLanguage stores the chosen language in a cookie and returns to
// the page the switch was used on.
func (p *Portal) switchLanguage(w http.ResponseWriter, r *http.Request) {
	lang, ok := p.i18n.Supported(r.PostFormValue("lang"))
	if !ok {
		p.renderError(w, r, http.StatusBadRequest, "")
		return
	}
	p.setLanguageCookie(w, lang)
	http.Redirect(w, r, localPath(r.PostFormValue("return")), http.StatusSeeOther)
}
