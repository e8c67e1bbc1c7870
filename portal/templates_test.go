package portal

import (
	"context"
	"io/fs"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"mvnk/internal/i18n"
	"mvnk/store"
	"mvnk/store/storetest"
)

// embeddedTemplates copies the real templates into a MapFS to break.
func embeddedTemplates(t *testing.T) fstest.MapFS {
	m := fstest.MapFS{}
	err := fs.WalkDir(templateFiles, "templates", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(templateFiles, name)
		m[strings.TrimPrefix(name, "templates/")] = &fstest.MapFile{Data: body}
		return err
	})
	require.NoError(t, err)
	return m
}

type staticKeyring struct{}

func (staticKeyring) CookieKeys(_ context.Context) ([][]byte, error) {
	return [][]byte{[]byte(strings.Repeat("k", 32)), []byte(strings.Repeat("b", 32))}, nil
}

func TestBrokenTemplatesFailTheStart(t *testing.T) {
	db := storetest.Open(t, store.SQLite, Migrations)
	cfg := Config{PublicURL: &url.URL{Scheme: "http", Host: "localhost"}}
	start := func(tfs fs.FS) error {
		_, err := newPortal(cfg, db, staticKeyring{}, slog.New(slog.DiscardHandler), tfs)
		return err
	}
	require.NoError(t, start(embeddedTemplates(t)), "the real templates start")

	cases := map[string]func(m fstest.MapFS){
		`page "impressum" missing`: func(m fstest.MapFS) { delete(m, "pages/impressum.html") },
		`page "error" missing`:     func(m fstest.MapFS) { delete(m, "pages/error.html") },
		"layout.html":              func(m fstest.MapFS) { delete(m, "layout.html") },
		"missing value for if": func(m fstest.MapFS) {
			m["pages/home.html"] = &fstest.MapFile{Data: []byte(`{{define "content"}}{{if}}{{end}}`)}
		},
		`defines no "content"`: func(m fstest.MapFS) { m["pages/extra.html"] = &fstest.MapFile{Data: []byte(`<p>x</p>`)} },
		"pages/broken.html": func(m fstest.MapFS) {
			m["pages/broken.html"] = &fstest.MapFile{Data: []byte(`{{define "content"}}<a href="{{.Path}}>{{end}}`)}
		},
		`no such template "header"`: func(m fstest.MapFS) { delete(m, "partials/header.html") },
	}
	for want, breakIt := range cases {
		t.Run(want, func(t *testing.T) {
			m := embeddedTemplates(t)
			breakIt(m)
			require.ErrorContains(t, start(m), want)
		})
	}
}

// Every catalogue key the templates and the code use exists in every
// language, so no page ever shows a raw key.
func TestUsedKeysExist(t *testing.T) {
	bundle, err := i18n.Load()
	require.NoError(t, err)
	used := templateKeys(t)
	for _, kind := range errorKinds {
		used = append(used, kind+".title", kind+".text")
	}
	for _, e := range (feedbackForm{PageURL: strings.Repeat("p", 2001), Name: strings.Repeat("n", 201),
		Email: strings.Repeat("e", 255)}).Validate() {
		used = append(used, e.Key)
	}
	used = append(used, "feedback.error.message_too_long", "nav.home")
	for _, lang := range bundle.Languages() {
		loc := bundle.Localizer(lang)
		for _, key := range used {
			require.True(t, loc.Has(key), "%s: key %q missing", lang, key)
		}
	}
}

var keyRE = regexp.MustCompile(`\.T "([^"]+)"`)

func templateKeys(t *testing.T) []string {
	var keys []string
	err := fs.WalkDir(templateFiles, "templates", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(templateFiles, name)
		for _, m := range keyRE.FindAllStringSubmatch(string(body), -1) {
			keys = append(keys, m[1])
		}
		return err
	})
	require.NoError(t, err)
	require.Greater(t, len(keys), 40, "the pattern finds the keys")
	return keys
}
