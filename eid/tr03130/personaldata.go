package tr03130

import (
	"strings"

	"mvnk/eid"
	"mvnk/eid/trust"
)

// source names the eID-Server as the source of every attribute.
const source = "eid"

// claims maps PersonalData to attributes. Only a data group the person
// released (OperationsAllowedByUser ALLOWED) is taken: PROHIBITED and
// NOTONCHIP groups stay absent even if a server sent data for them.
func claims(pd *personalData, allowed *operations, level trust.Level) map[eid.Attr]eid.Claim {
	out := map[eid.Attr]eid.Claim{}
	put := func(group string, a eid.Attr, v string) {
		if v = strings.TrimSpace(v); v != "" && allowed.value(group) == "ALLOWED" {
			out[a] = eid.Claim{Value: v, Level: level, Source: source}
		}
	}
	for _, f := range []struct {
		group string
		attr  eid.Attr
		value string
	}{
		{"DocumentType", eid.DocumentType, pd.DocumentType},
		{"IssuingState", eid.IssuingState, pd.IssuingState},
		{"DateOfExpiry", eid.DateOfExpiry, pd.DateOfExpiry},
		{"GivenNames", eid.GivenNames, pd.GivenNames},
		{"FamilyNames", eid.FamilyNames, pd.FamilyNames},
		{"ArtisticName", eid.ArtisticName, pd.ArtisticName},
		{"AcademicTitle", eid.AcademicTitle, pd.AcademicTitle},
		{"DateOfBirth", eid.DateOfBirth, birthDate(pd.DateOfBirth)},
		{"PlaceOfBirth", eid.PlaceOfBirth, placeName(pd.PlaceOfBirth)},
		{"Nationality", eid.Nationality, pd.Nationality},
		{"BirthName", eid.BirthName, pd.BirthName},
		{"CommunityID", eid.CommunityID, pd.CommunityID},
		{"ResidencePermitI", eid.ResidencePermit, pd.ResidencePermitI},
	} {
		put(f.group, f.attr, f.value)
	}
	if p := pd.PlaceOfResidence; p != nil && p.Structured != nil {
		put("PlaceOfResidence", eid.StreetAddress, p.Structured.Street)
		put("PlaceOfResidence", eid.PostalCode, p.Structured.ZipCode)
		put("PlaceOfResidence", eid.Locality, p.Structured.City)
		put("PlaceOfResidence", eid.Country, p.Structured.Country)
	}
	return out
}

// birthDate is DateValue (xs:date) or, for a partial date, DateString
// YYYYMMDD cut to the known parts: "196408  " → "1964-08".
func birthDate(d *generalDate) string {
	if d == nil {
		return ""
	}
	if v := strings.TrimSpace(d.DateValue); v != "" {
		return v
	}
	s := d.DateString
	if len(s) < 4 || !digits(s[:4]) || s[:4] == "0000" {
		return ""
	}
	out := s[:4]
	for i := 4; i+2 <= len(s) && i <= 6; i += 2 {
		part := s[i : i+2]
		if !digits(part) || part == "00" {
			break
		}
		out += "-" + part
	}
	return out
}

func digits(s string) bool {
	return strings.Trim(s, "0123456789") == ""
}

// placeName is a place of birth: the free text, or the structured
// place's city; NoPlaceInfo gives nothing.
func placeName(p *generalPlace) string {
	switch {
	case p == nil:
		return ""
	case strings.TrimSpace(p.Freetext) != "":
		return p.Freetext
	case p.Structured != nil:
		return p.Structured.City
	}
	return ""
}
