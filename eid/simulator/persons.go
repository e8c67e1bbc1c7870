package simulator

import (
	"mvnk/eid"
	"mvnk/eid/trust"
)

// person is a test card: its chip's data (egov-standards §2.1, §7.3). An
// attribute missing from Data is not on the chip (NOTONCHIP).
type person struct {
	ID    string
	Label string // how the choice names the person
	Level trust.Level
	Means eid.Means
	Data  map[eid.Attr]string
}

// persons are the simulator's test cards, in the order offered.
var persons = []person{
	{ID: "erika", Label: "Erika Mustermann (Personalausweis, Simulator-Karte der AusweisApp)", Level: trust.Hoch, Means: eid.MeansEID,
		Data: card("ID", "D", "ERIKA", "MUSTERMANN", "GABLER", "1964-08-12", "BERLIN", "D",
			"HEIDESTRAẞE 17", "51147", "KÖLN", "D")},
	{ID: "umlaute", Label: "Jürgen Weiß-Größer (Umlaute und ß)", Level: trust.Hoch, Means: eid.MeansEID,
		Data: card("ID", "D", "JÜRGEN ÄNNE", "WEIẞ-GRÖẞER", "MÜLLER", "1979-02-28", "GÖRLITZ", "D",
			"MÜHLENSTRAẞE 3", "18055", "ROSTOCK", "D")},
	{ID: "ohne-anschrift", Label: "Lukas Neumann (keine Anschrift auf dem Chip)", Level: trust.Hoch, Means: eid.MeansEID,
		Data: card("ID", "D", "LUKAS", "NEUMANN", "", "2001-11-05", "SCHWERIN", "D", "", "", "", "")},
	{ID: "doktor", Label: "Dr. Friederike Hoffmann (Doktorgrad)", Level: trust.Hoch, Means: eid.MeansEID,
		Data: with(card("ID", "D", "FRIEDERIKE", "HOFFMANN", "", "1958-06-30", "GREIFSWALD", "D",
			"DOMSTRAẞE 11", "17489", "GREIFSWALD", "D"), eid.AcademicTitle, "DR.")},
	{ID: "kuenstler", Label: "Karl Schmidt, Künstlername „Kalle Kunst“", Level: trust.Hoch, Means: eid.MeansEID,
		Data: with(card("ID", "D", "KARL", "SCHMIDT", "", "1985-04-01", "STRALSUND", "D",
			"HAFENSTRAẞE 2", "18439", "STRALSUND", "D"), eid.ArtisticName, "KALLE KUNST")},
	{ID: "eat", Label: "Ayşe Yılmaz (elektronischer Aufenthaltstitel)", Level: trust.Hoch, Means: eid.MeansEID,
		Data: with(card("AR", "D", "AYŞE", "YILMAZ", "", "1990-09-17", "IZMIR", "TUR",
			"WISMARSCHE STRAẞE 40", "19053", "SCHWERIN", "D"), eid.ResidencePermit, "RESIDENCE PERMIT 1")},
	{ID: "eidas", Label: "Sofia Gruber (EU-eID aus Österreich, eIDAS substanziell)", Level: trust.Substanziell, Means: eid.MeansEIDAS,
		Data: map[eid.Attr]string{eid.GivenNames: "Sofia", eid.FamilyNames: "Gruber", eid.DateOfBirth: "1988-03-14",
			eid.IssuingState: "A"}},
}

// card is the data of a German card; "" leaves a field off the chip.
func card(doc, state, given, family, birthName, born, place, nationality, street, zip, city, country string) map[eid.Attr]string {
	all := map[eid.Attr]string{eid.DocumentType: doc, eid.IssuingState: state, eid.DateOfExpiry: "2029-10-31",
		eid.GivenNames: given, eid.FamilyNames: family, eid.BirthName: birthName, eid.DateOfBirth: born,
		eid.PlaceOfBirth: place, eid.Nationality: nationality, eid.StreetAddress: street,
		eid.PostalCode: zip, eid.Locality: city, eid.Country: country}
	for k, v := range all {
		if v == "" {
			delete(all, k)
		}
	}
	return all
}

func with(data map[eid.Attr]string, a eid.Attr, v string) map[eid.Attr]string {
	data[a] = v
	return data
}

func personByID(id string) (person, bool) {
	for _, p := range persons {
		if p.ID == id {
			return p, true
		}
	}
	return person{}, false
}

// attrOrder is the order the consent page lists attributes in.
var attrOrder = []eid.Attr{eid.GivenNames, eid.FamilyNames, eid.BirthName, eid.AcademicTitle, eid.ArtisticName,
	eid.DateOfBirth, eid.PlaceOfBirth, eid.Nationality, eid.DocumentType, eid.IssuingState, eid.DateOfExpiry,
	eid.StreetAddress, eid.PostalCode, eid.Locality, eid.Country, eid.CommunityID, eid.ResidencePermit}
