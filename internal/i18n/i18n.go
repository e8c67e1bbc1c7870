// Package i18n holds the platform's message catalogues (German first,
// English second) and picks a language for each request.
//
// Catalogues are flat JSON objects per locale, embedded from locales/*.json,
// with dotted keys ("nav.home": "Startseite"). German is the default and the
// fallback: a key missing in English is shown in German, a key missing
// everywhere is shown as the key itself, so a gap is visible, not blank.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// Default is the language of the platform and of every fallback.
const Default = "de"

//go:embed locales/*.json
var embedded embed.FS

// Bundle is the set of catalogues, read once at start-up.
type Bundle struct {
	langs    []string // Default first
	catalogs map[string]map[string]string
	matcher  language.Matcher
}

// Load reads the embedded catalogues.
func Load() (*Bundle, error) {
	sub, err := fs.Sub(embedded, "locales")
	if err != nil {
		return nil, err
	}
	return LoadFS(sub)
}

// LoadFS reads every "<lang>.json" at the root of fsys. The default
// language must be among them.
func LoadFS(fsys fs.FS) (*Bundle, error) {
	files, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	b := &Bundle{catalogs: map[string]map[string]string{}}
	for _, file := range files {
		lang := strings.TrimSuffix(file, ".json")
		if _, err := language.Parse(lang); err != nil {
			return nil, fmt.Errorf("catalogue %s: not a language tag: %w", file, err)
		}
		msgs, err := readCatalog(fsys, file)
		if err != nil {
			return nil, err
		}
		b.catalogs[lang] = msgs
	}
	if _, ok := b.catalogs[Default]; !ok {
		return nil, fmt.Errorf("catalogue %s.json missing", Default)
	}
	b.langs = orderLangs(slices.Collect(maps.Keys(b.catalogs)))
	b.matcher = newMatcher(b.langs)
	return b, nil
}

func readCatalog(fsys fs.FS, file string) (map[string]string, error) {
	raw, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, err
	}
	var msgs map[string]string
	if err := json.Unmarshal(raw, &msgs); err != nil {
		return nil, fmt.Errorf("catalogue %s: %w", file, err)
	}
	return msgs, nil
}

// orderLangs sorts the languages with Default first, the rest by name.
func orderLangs(langs []string) []string {
	slices.SortFunc(langs, func(a, b string) int {
		switch {
		case a == Default:
			return -1
		case b == Default:
			return 1
		}
		return strings.Compare(a, b)
	})
	return langs
}

// Languages lists the supported languages, Default first.
func (b *Bundle) Languages() []string { return slices.Clone(b.langs) }

// Keys lists the keys of one catalogue, sorted.
func (b *Bundle) Keys(lang string) []string {
	return slices.Sorted(maps.Keys(b.catalogs[lang]))
}

// Localizer returns the translator for lang (Default if unsupported).
func (b *Bundle) Localizer(lang string) *Localizer {
	msgs, ok := b.catalogs[lang]
	if !ok {
		lang, msgs = Default, b.catalogs[Default]
	}
	return &Localizer{lang: lang, msgs: msgs, fallback: b.catalogs[Default]}
}
