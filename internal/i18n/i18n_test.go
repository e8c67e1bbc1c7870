package i18n_test

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"

	"mvnk/internal/i18n"
)

func load(t *testing.T) *i18n.Bundle {
	t.Helper()
	b, err := i18n.Load()
	require.NoError(t, err)
	return b
}

func TestCataloguesHaveTheSameKeys(t *testing.T) {
	b := load(t)
	require.Equal(t, []string{"de", "en"}, b.Languages())
	de := b.Keys("de")
	require.NotEmpty(t, de)
	for _, lang := range b.Languages() {
		require.Equal(t, de, b.Keys(lang), "%s has other keys than de", lang)
	}
}

func TestNoEmptyMessages(t *testing.T) {
	b := load(t)
	for _, lang := range b.Languages() {
		loc := b.Localizer(lang)
		for _, key := range b.Keys(lang) {
			require.NotEmpty(t, loc.T(key), "%s: %s", lang, key)
		}
	}
}

func TestTranslate(t *testing.T) {
	b, err := i18n.LoadFS(fstest.MapFS{
		"de.json": {Data: []byte(`{"a": "Hallo", "n": "höchstens %d Zeichen", "only.de": "nur Deutsch"}`)},
		"en.json": {Data: []byte(`{"a": "Hello", "n": "at most %d characters"}`)},
	})
	require.NoError(t, err)
	en := b.Localizer("en")
	require.Equal(t, "en", en.Lang())
	require.Equal(t, "Hello", en.T("a"))
	require.Equal(t, "at most 5000 characters", en.T("n", 5000))
	require.Equal(t, "nur Deutsch", en.T("only.de"), "falls back to German")
	require.False(t, en.Has("only.de"))
	require.Equal(t, "missing.key", en.T("missing.key"), "a gap shows its key")
	require.Equal(t, "de", b.Localizer("fr").Lang(), "unsupported means German")
}

func TestLoadFSErrors(t *testing.T) {
	_, err := i18n.LoadFS(fstest.MapFS{"en.json": {Data: []byte(`{}`)}})
	require.ErrorContains(t, err, "de.json missing")
	_, err = i18n.LoadFS(fstest.MapFS{"de.json": {Data: []byte(`{"a": 1}`)}})
	require.ErrorContains(t, err, "de.json")
	_, err = i18n.LoadFS(fstest.MapFS{"de.json": {Data: []byte(`{}`)}, "not a tag.json": {Data: []byte(`{}`)}})
	require.ErrorContains(t, err, "not a language tag")
}

func TestNegotiate(t *testing.T) {
	b := load(t)
	cases := []struct{ pref, accept, want string }{
		{"", "", "de"},
		{"", "en-US,en;q=0.9", "en"},
		{"", "en-GB", "en"},
		{"", "de-AT", "de"},
		{"", "de-CH,en;q=0.8", "de"},
		{"", "fr-FR", "de"},
		{"", "fr;q=1, en;q=0.5", "en"},
		{"", "en;q=0.2, de;q=0.9", "de"},
		{"", "*", "de"},
		{"", "!!garbage!!", "de"},
		{"en", "de-DE", "en"},
		{"de", "en", "de"},
		{"EN", "", "en"},
		{"xx", "en", "en"},
		{"fr", "", "de"},
	}
	for _, tc := range cases {
		t.Run(tc.pref+"|"+tc.accept, func(t *testing.T) {
			require.Equal(t, tc.want, b.Negotiate(tc.pref, tc.accept))
		})
	}
}

func TestSupported(t *testing.T) {
	b := load(t)
	for in, want := range map[string]string{"de": "de", "en-GB": "en", "EN": "en", "de-DE": "de"} {
		got, ok := b.Supported(in)
		require.True(t, ok, in)
		require.Equal(t, want, got)
	}
	for _, in := range []string{"", "fr", "x!"} {
		_, ok := b.Supported(in)
		require.False(t, ok, in)
	}
}
