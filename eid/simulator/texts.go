package simulator

import (
	"mvnk/eid"
	"mvnk/portal"
)

const (
	msgChoosePerson = "sim.choose_person"
	msgPINWrong     = "sim.pin_wrong"
)

// attrRow is one requested attribute on the consent page.
type attrRow struct {
	Attr     eid.Attr
	Required bool
	OnChip   bool
	Value    string
}

// rows lists the requested attributes of the chosen card, in order.
func rows(req eid.Request, p person) []attrRow {
	var out []attrRow
	for _, a := range attrOrder {
		need, asked := req.Attributes[a]
		if !asked {
			continue
		}
		val, onChip := p.Data[a]
		out = append(out, attrRow{Attr: a, Required: need == eid.Required, OnChip: onChip, Value: val})
	}
	return out
}

var texts = portal.Texts{
	msgChoosePerson: {"Bitte wählen Sie eine Testperson.", "Please choose a test person."},
	msgPINWrong: {"Die PIN ist falsch. Sie haben noch %d Versuch(e), dann wird die Testkarte gesperrt.",
		"The PIN is wrong. You have %d attempt(s) left before the test card is blocked."},

	"attr.given_names":      {"Vornamen", "Given names"},
	"attr.family_names":     {"Familienname", "Family name"},
	"attr.birth_name":       {"Geburtsname", "Birth name"},
	"attr.academic_title":   {"Doktorgrad", "Doctoral degree"},
	"attr.artistic_name":    {"Ordens- oder Künstlername", "Religious or stage name"},
	"attr.date_of_birth":    {"Geburtsdatum", "Date of birth"},
	"attr.place_of_birth":   {"Geburtsort", "Place of birth"},
	"attr.nationality":      {"Staatsangehörigkeit", "Nationality"},
	"attr.document_type":    {"Dokumentart", "Document type"},
	"attr.issuing_state":    {"Ausstellender Staat", "Issuing state"},
	"attr.date_of_expiry":   {"Gültig bis", "Valid until"},
	"attr.street_address":   {"Straße und Hausnummer", "Street and number"},
	"attr.postal_code":      {"Postleitzahl", "Postal code"},
	"attr.locality":         {"Ort", "City"},
	"attr.country":          {"Land", "Country"},
	"attr.community_id":     {"Gemeindeschlüssel", "Community ID"},
	"attr.residence_permit": {"Nebenbestimmungen zum Aufenthaltstitel", "Residence permit conditions"},
}
