package i18n

import "fmt"

// Localizer translates keys into one language. It is read-only and safe
// for concurrent use.
type Localizer struct {
	lang     string
	msgs     map[string]string
	fallback map[string]string
}

// Lang is the language tag the localizer speaks ("de", "en").
func (l *Localizer) Lang() string { return l.lang }

// T returns the message for key, formatted with args (fmt verbs) when
// there are any. A key missing in this language falls back to Default,
// then to the key itself.
func (l *Localizer) T(key string, args ...any) string {
	msg, ok := l.msgs[key]
	if !ok {
		msg, ok = l.fallback[key]
	}
	if !ok {
		return key
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// Has reports whether key exists in this language's own catalogue.
func (l *Localizer) Has(key string) bool {
	_, ok := l.msgs[key]
	return ok
}
