package idp

import "slices"

// covers reports whether a stored consent takes in every requested scope:
// a subset asks nothing, a new scope asks again.
func covers(consented, requested []string) bool {
	for _, s := range requested {
		if !slices.Contains(consented, s) {
			return false
		}
	}
	return true
}

// union is consented followed by the requested scopes not yet in it.
func union(consented, requested []string) []string {
	out := slices.Clone(consented)
	for _, s := range requested {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// ScopeText is the plain-language description of what a scope lets a
// service see, in German and English, for the consent page and the
// console's list of connected services.
type ScopeText struct{ De, En string }

// scopeTexts describe the scopes in the words of the account page ("Mein
// Konto"); the claims behind them are claimsOfScope.
var scopeTexts = map[string]ScopeText{
	"openid": {"Eine Kennung, an der der Dienst Sie wiedererkennt (sie verrät nichts über Sie)",
		"An identifier by which the service recognises you (it reveals nothing about you)"},
	"profile": {"Ihr Name, Ihr Benutzername, Anrede, Doktorgrad, Geburtsname, Geburtsdatum, Geburtsort, Ordens- oder Künstlername und Staatsangehörigkeit",
		"Your name, user name, salutation, doctoral title, birth name, date and place of birth, religious or artistic name and nationality"},
	"email":   {"Ihre E-Mail-Adresse", "Your e-mail address"},
	"address": {"Ihre Anschrift (Straße, Postleitzahl, Ort, Land)", "Your postal address (street, postcode, town, country)"},
	"phone":   {"Ihre Telefonnummer", "Your telephone number"},
	"postfach": {"Ihre Postfach-Kennung: damit kann der Dienst Ihnen Nachrichten und Bescheide in Ihr Postfach im MV-Nutzerkonto senden",
		"Your Postfach identifier: with it the service can send messages and official decisions (Bescheide) to your Postfach in the MV-Nutzerkonto"},
	"offline_access": {"Zugriff auf diese Daten auch dann, wenn Sie gerade nicht angemeldet sind",
		"Access to this data even when you are not signed in"},
}

// DescribeScopes returns the description of each scope, in order; a scope
// without a text of its own (an API permission) is named as it is.
func DescribeScopes(scopes []string) []ScopeText {
	out := make([]ScopeText, 0, len(scopes))
	for _, s := range scopes {
		t, ok := scopeTexts[s]
		if !ok {
			t = ScopeText{"Zugriff „" + s + "“", "Access “" + s + "”"}
		}
		out = append(out, t)
	}
	return out
}
