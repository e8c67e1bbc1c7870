package inbox

import (
	"embed"
	"html/template"
	"strings"

	"mvnk/postfach"
)

// partialFS holds markup several pages share. The portal parses each
// page file on its own, so a shared piece is a template of the package
// that the pages call through a basePage method.
//
//go:embed templates/partials/*.html
var partialFS embed.FS

// partials are parsed at start-up: a broken one fails it.
var partials = template.Must(template.ParseFS(partialFS, "templates/partials/*.html"))

// timelineView is the data of templates/partials/verlauf.html.
type timelineView struct {
	*basePage
	Updates []postfach.StatusUpdate
}

// Verlauf renders the Vorgang's status timeline, oldest first, for the
// message page and the list filtered by the Vorgang ("" without
// updates). html/template escapes it like a page.
func (p *basePage) Verlauf(updates []postfach.StatusUpdate) (template.HTML, error) {
	if len(updates) == 0 {
		return "", nil
	}
	name := "verlauf.html"
	if t := partials.Lookup("verlauf." + p.Lang + ".html"); t != nil {
		name = t.Name()
	}
	var b strings.Builder
	err := partials.ExecuteTemplate(&b, name, timelineView{p, updates})
	return template.HTML(b.String()), err // html/template's escaped output
}
