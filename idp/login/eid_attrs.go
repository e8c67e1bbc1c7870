package login

import (
	"mvnk/eid"
	"mvnk/idp/account"
	"mvnk/portal"
)

// eidAttributes are what an identification asks for: the name and date
// of birth to know the person, the rest for "Mein Konto" (data
// minimisation: the person may deselect them, TR-03130 UseOperations).
var eidAttributes = map[eid.Attr]eid.Requirement{
	eid.GivenNames: eid.Required, eid.FamilyNames: eid.Required, eid.DateOfBirth: eid.Required,
	eid.BirthName: eid.Allowed, eid.PlaceOfBirth: eid.Allowed, eid.Nationality: eid.Allowed,
	eid.AcademicTitle: eid.Allowed, eid.ArtisticName: eid.Allowed, eid.StreetAddress: eid.Allowed,
	eid.PostalCode: eid.Allowed, eid.Locality: eid.Allowed, eid.Country: eid.Allowed,
}

// eidAttrOrder is the order the eID page lists them in.
var eidAttrOrder = []eid.Attr{eid.GivenNames, eid.FamilyNames, eid.DateOfBirth, eid.BirthName,
	eid.PlaceOfBirth, eid.Nationality, eid.AcademicTitle, eid.ArtisticName, eid.StreetAddress,
	eid.PostalCode, eid.Locality, eid.Country}

// eidClaimNames maps an eID attribute to the account attribute (the
// claim it goes out under, idp/account/attrnames.go).
var eidClaimNames = map[eid.Attr]string{
	eid.GivenNames: account.AttrGivenName, eid.FamilyNames: account.AttrFamilyName,
	eid.BirthName: account.AttrBirthName, eid.DateOfBirth: account.AttrBirthdate,
	eid.PlaceOfBirth: account.AttrPlaceOfBirth, eid.Nationality: account.AttrNationality,
	eid.AcademicTitle: account.AttrTitle, eid.ArtisticName: account.AttrArtisticName,
	eid.StreetAddress: account.AttrStreetAddress, eid.PostalCode: account.AttrPostalCode,
	eid.Locality: account.AttrLocality, eid.Country: account.AttrCountry,
}

// Attributes holding the sector-specific identifiers in clear, for the
// clients registered to receive them (egov-standards §2.4 claim names).
const (
	attrRestrictedID = "restricted_id"
	attrBPK2         = "bpk2"
)

var eidTexts = portal.Texts{
	msgEmailTaken: {"Zu dieser E-Mail-Adresse gibt es schon ein Konto. Melden Sie sich mit diesem Konto an und identifizieren Sie sich dort mit dem Online-Ausweis, oder geben Sie eine andere Adresse an.",
		"There is already an account with this e-mail address. Log in to that account and identify with the online ID card there, or give another address."},
	"eid.attr.given_names":    {"Vornamen", "Given names"},
	"eid.attr.family_names":   {"Familienname", "Family name"},
	"eid.attr.date_of_birth":  {"Geburtsdatum", "Date of birth"},
	"eid.attr.birth_name":     {"Geburtsname", "Birth name"},
	"eid.attr.place_of_birth": {"Geburtsort", "Place of birth"},
	"eid.attr.nationality":    {"Staatsangehörigkeit", "Nationality"},
	"eid.attr.academic_title": {"Doktorgrad", "Doctoral degree"},
	"eid.attr.artistic_name":  {"Ordens- oder Künstlername", "Religious or stage name"},
	"eid.attr.street_address": {"Straße und Hausnummer", "Street and number"},
	"eid.attr.postal_code":    {"Postleitzahl", "Postal code"},
	"eid.attr.locality":       {"Ort", "City"},
	"eid.attr.country":        {"Land", "Country"},
}

// AttrLabel names an eID attribute in the page's language.
func (p *eidPage) AttrLabel(a eid.Attr) string { return eidTexts.Text("eid.attr."+string(a), p.Lang) }
