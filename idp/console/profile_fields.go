package console

import (
	"strings"

	"mvnk/idp/account"
)

// profileField is one row of the profile form for the template.
type profileField struct {
	ID, Value    string
	Autocomplete string
	Type         string // "text", "tel", "select", "date"
	Options      []string
	Day, Month   string // birthdate parts
	Year         string
	Proven       bool   // read-only: from a source above self-declaration
	Source       string // its source, "eid", "fink" …
}

// Label is the field's label key (texts "attr.<id>").
func (f profileField) Label() string { return "attr." + f.ID }

// SourceKey is the text key naming a proven value's source.
func (f profileField) SourceKey() string {
	switch f.Source {
	case "eid", "fink", "staff", "bundid":
		return "source." + f.Source
	case "eid-simulator": // the test eID reads like the card it stands for
		return "source.eid"
	}
	return "source.other"
}

// autocomplete tokens (HTML §4.10.18.7.1, WCAG 1.3.5 Identify Input Purpose).
var autocomplete = map[string]string{
	account.AttrSalutation: "honorific-prefix", account.AttrFamilyName: "family-name",
	account.AttrGivenName: "given-name", account.AttrStreetAddress: "street-address",
	account.AttrPostalCode: "postal-code", account.AttrLocality: "address-level2",
	account.AttrCountry: "country-name", account.AttrPhoneNumber: "tel", account.AttrNationality: "off",
}

// profileFields builds the rows from the stored attributes, or from the
// form as sent when it is shown again with errors.
func profileFields(attrs map[string]account.Attribute, sent *profileForm) []profileField {
	out := make([]profileField, 0, len(profileAttrs))
	for _, name := range profileAttrs {
		a, stored := attrs[name]
		f := profileField{ID: name, Value: a.Value, Autocomplete: autocomplete[name], Type: "text",
			Proven: stored && a.Source != account.SourceSelf, Source: a.Source}
		if v, ok := sent.value(name); ok && !f.Proven {
			f.Value = v
		}
		switch name {
		case account.AttrSalutation:
			f.Type, f.Options = "select", salutations
		case account.AttrPhoneNumber:
			f.Type = "tel"
		case account.AttrBirthdate:
			f.Type = "date"
			f.Year, f.Month, f.Day = splitDate(f.Value)
			if sent != nil && !f.Proven {
				f.Day, f.Month, f.Year = sent.Day, sent.Month, sent.Year
			}
		}
		out = append(out, f)
	}
	return out
}

func (f *profileForm) value(name string) (string, bool) {
	if f == nil {
		return "", false
	}
	v, ok := f.Values[name]
	return v, ok
}

// splitDate splits YYYY-MM-DD for the three date fields (no leading 0).
func splitDate(d string) (y, m, day string) {
	parts := strings.Split(d, "-")
	if len(parts) != 3 {
		return "", "", ""
	}
	trim := func(s string) string { return strings.TrimLeft(s, "0") }
	return parts[0], trim(parts[1]), trim(parts[2])
}
