package portal

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
)

//go:embed templates
var templateFiles embed.FS

// requiredPages must exist, or the portal does not start.
var requiredPages = []string{
	"home", "impressum", "datenschutz", "barrierefreiheit",
	"leichte-sprache", "sprache", "error",
}

// templates holds one parsed template set per page: the layout and the
// partials, cloned, plus the page's own file defining "content" (and
// optionally "title"). A page "name.en" is the English variant of "name".
type templates struct {
	base  *template.Template // never executed, only cloned
	mu    sync.RWMutex
	pages map[string]*template.Template
}

func parseTemplates(fsys fs.FS) (*templates, error) {
	base, err := template.New("layout").ParseFS(fsys, "layout.html", "partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	t := &templates{base: base, pages: map[string]*template.Template{}}
	if err := t.addPages(fsys, "pages"); err != nil {
		return nil, err
	}
	for _, name := range requiredPages {
		if _, ok := t.pages[name]; !ok {
			return nil, fmt.Errorf("templates: page %q missing (pages/%s.html)", name, name)
		}
	}
	return t, nil
}

// addPages parses every *.html in dir of fsys as a page.
func (t *templates) addPages(fsys fs.FS, dir string) error {
	files, err := fs.Glob(fsys, path.Join(dir, "*.html"))
	if err != nil {
		return err
	}
	for _, file := range files {
		name := strings.TrimSuffix(path.Base(file), ".html")
		page, err := t.parsePage(fsys, file)
		if err != nil {
			return err
		}
		if err := t.add(name, page); err != nil {
			return err
		}
	}
	return nil
}

func (t *templates) parsePage(fsys fs.FS, file string) (*template.Template, error) {
	page, err := t.base.Clone()
	if err != nil {
		return nil, err
	}
	if page, err = page.ParseFS(fsys, file); err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	if page.Lookup("content") == nil {
		return nil, fmt.Errorf("templates: %s defines no \"content\"", file)
	}
	// html/template escapes a set on its first execution. Run it once on
	// no data so an escaping error fails the start, not the first request;
	// errors from the missing data itself are expected and ignored.
	var escErr *template.Error
	if err := page.ExecuteTemplate(io.Discard, "layout", nil); errors.As(err, &escErr) {
		return nil, fmt.Errorf("templates: %s: %w", file, err)
	}
	return page, nil
}

func (t *templates) add(name string, page *template.Template) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, dup := t.pages[name]; dup {
		return fmt.Errorf("templates: page %q defined twice", name)
	}
	t.pages[name] = page
	return nil
}

// lookup returns the page in lang if a variant exists, else the default.
func (t *templates) lookup(name, lang string) (*template.Template, bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	if page, ok := t.pages[name+"."+lang]; ok {
		return page, true
	}
	page, ok := t.pages[name]
	return page, ok
}
