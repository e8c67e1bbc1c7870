package i18n

import "golang.org/x/text/language"

func newMatcher(langs []string) language.Matcher {
	tags := make([]language.Tag, len(langs))
	for i, l := range langs {
		tags[i] = language.Make(l)
	}
	return language.NewMatcher(tags)
}

// Negotiate picks the language for a request: an explicit preference (the
// language cookie) wins when supported; otherwise the best match for the
// Accept-Language header; otherwise Default.
func (b *Bundle) Negotiate(preference, acceptLanguage string) string {
	if lang, ok := b.Supported(preference); ok {
		return lang
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return Default
	}
	_, index, confidence := b.matcher.Match(tags...)
	if confidence == language.No {
		return Default
	}
	return b.langs[index]
}

// Supported reports whether lang names a supported language and returns
// its canonical form ("EN" and "en-GB" both give "en").
func (b *Bundle) Supported(lang string) (string, bool) {
	if lang == "" {
		return "", false
	}
	tag, err := language.Parse(lang)
	if err != nil {
		return "", false
	}
	base, _ := tag.Base()
	if _, ok := b.catalogs[base.String()]; ok {
		return base.String(), true
	}
	return "", false
}
