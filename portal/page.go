package portal

import "mvnk/internal/i18n"

// Page is the common part of every page's data. A component's page struct
// embeds it and is passed to Render by pointer:
//
//	type inboxPage struct {
//		portal.Page
//		Messages []Message
//	}
//	p.Render(w, r, http.StatusOK, "postfach", &inboxPage{Messages: msgs})
//
// Render fills in the request-bound fields (language, CSRF token, …).
type Page struct {
	// Title is the document title when the page template defines no
	// "title" block (for titles known only at run time).
	Title string
	// Errors are the form errors shown in the error summary; a page with
	// errors gets "Fehler:" in front of its title (WCAG 3.3.1).
	Errors []FieldError

	Lang      string    // "de" or "en"
	CSRFToken string    // for the hidden "csrf_token" field of every form
	Dev       bool      // development instance: show the banner
	Version   string    // build version, shown in the banner
	Nav       []NavItem // main navigation
	Path      string    // request path, to mark the current page
	// ReturnTo is where the language switch returns: the request URI,
	// unless the page sets another (protocol pages whose query carries
	// tokens or one-time requests return to the start page).
	ReturnTo string
	// Session is the login session's countdown, nil without one.
	Session *SessionTimer

	loc         *i18n.Localizer
	assetPrefix string
}

// Pager is implemented by *Page and so by every struct that embeds Page.
type Pager interface{ page() *Page }

func (pg *Page) page() *Page { return pg }

// T translates key into the page's language.
func (pg *Page) T(key string, args ...any) string {
	if pg.loc == nil {
		return key
	}
	return pg.loc.T(key, args...)
}

// Asset returns the versioned URL of a static file below portal/assets.
func (pg *Page) Asset(name string) string { return pg.assetPrefix + name }

// Current reports whether href is the page being shown.
func (pg *Page) Current(href string) bool { return pg.Path == href }

// ErrorFor returns the translated error message for a form field, or "".
func (pg *Page) ErrorFor(field string) string {
	for _, e := range pg.Errors {
		if e.Field == field {
			return pg.Msg(e)
		}
	}
	return ""
}

// NavItem is an entry of the main navigation and of the start page.
// Label and Description are catalogue keys.
type NavItem struct {
	Href        string
	Label       string
	Description string
	Show        NavShow // when the entry is shown; NavAlways by default
}

// NavShow says when a navigation entry is shown.
type NavShow int

const (
	NavAlways    NavShow = iota
	NavLoggedOut         // only without a login session ("Anmelden")
	NavLoggedIn          // only with one
)

// visibleNav is the navigation for a browser with or without a session.
func visibleNav(items []NavItem, loggedIn bool) []NavItem {
	out := items[:0:0]
	for _, it := range items {
		if it.Show == NavAlways || (it.Show == NavLoggedIn) == loggedIn {
			out = append(out, it)
		}
	}
	return out
}

// AddNav adds an entry to the main navigation and the start page. Call it
// before serving, once per component.
func (p *Portal) AddNav(item NavItem) {
	p.navMu.Lock()
	defer p.navMu.Unlock()
	p.nav = append(p.nav, item)
}

func (p *Portal) navItems() []NavItem {
	p.navMu.RLock()
	defer p.navMu.RUnlock()
	return append([]NavItem(nil), p.nav...)
}

// Msg translates a form error.
func (pg *Page) Msg(e FieldError) string { return pg.T(e.Key, e.Args...) }

// Field returns what a form field's template needs to show its error.
func (pg *Page) Field(id string) FieldState {
	return FieldState{ID: id, Message: pg.ErrorFor(id)}
}

// FieldState is one form field's error state.
type FieldState struct {
	ID      string
	Message string // translated; "" when the field is valid
}

// Invalid reports whether the field has an error.
func (s FieldState) Invalid() bool { return s.Message != "" }
