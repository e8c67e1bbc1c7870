package postfach

import (
	"net/mail"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxReplyTo is the longest reply_to: an e-mail address (RFC 5321 §4.5.3.1
// allows 64 + 1 + 255 characters) or an https URL.
const MaxReplyTo = 320

// validReplyTo accepts a bare e-mail address (no display name, no angle
// brackets) or an https URL with a host and without user info.
func validReplyTo(v string) bool {
	if strings.ContainsFunc(v, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return false
	}
	if a, err := mail.ParseAddress(v); err == nil {
		return a.Name == "" && a.Address == v
	}
	u, err := url.Parse(v)
	return err == nil && u.Scheme == "https" && u.Host != "" && u.User == nil
}

// validFilename refuses what could mislead or escape when a file is shown
// or saved: control characters (Cc), the bidi embeddings, overrides and
// isolates (U+202A–U+202E, U+2066–U+2069: "rechnung\u202Efdp.exe" shows
// as "rechnungexe.pdf") and path separators.
func validFilename(name string) bool {
	if name == "" || len(name) > maxShortField || !utf8.ValidString(name) {
		return false
	}
	return !strings.ContainsFunc(name, func(r rune) bool {
		return unicode.Is(unicode.Cc, r) || r == '/' || r == '\\' ||
			(r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
	})
}

// fieldTexts are the German texts of the FieldError codes.
var fieldTexts = map[string]string{
	CodeRequired:        "Diese Angabe fehlt.",
	CodeTooLong:         "Diese Angabe ist zu lang.",
	CodeUnknownKind:     "Diese Nachrichtenart gibt es nicht.",
	CodeLevelRange:      "Das Vertrauensniveau muss zwischen 1 und 4 liegen.",
	CodeUnknownRule:     "Diese Bekanntgaberegel gibt es nicht.",
	CodeRuleForKind:     "Eine Bekanntgaberegel gilt nur für Bescheide.",
	CodeLeikaFormat:     "Die Leistungs-ID muss die Form urn:de:fim:leika:leistung:<Ziffern> haben.",
	CodeTooMany:         "Es sind zu viele Anhänge.",
	CodeTooLarge:        "Der Anhang ist zu groß.",
	CodeTotalTooLarge:   "Alle Anhänge zusammen sind zu groß.",
	CodeHashMismatch:    "Die SHA-512-Prüfsumme passt nicht zum Inhalt.",
	CodeMediaType:       "Dieses Dateiformat ist nicht erlaubt.",
	CodeInvalidFilename: "Der Dateiname ist leer, zu lang oder enthält Steuerzeichen, Schreibrichtungszeichen oder Schrägstriche.",
	CodeReplyToFormat:   "Die Antwortadresse muss eine E-Mail-Adresse ohne Anzeigenamen oder eine https-Adresse sein.",
}

// fieldText is the German text of code.
func fieldText(code string) string {
	if t, ok := fieldTexts[code]; ok {
		return t
	}
	return "Diese Angabe ist ungültig."
}
