package bundid

import (
	"strings"

	"mvnk/eid"
)

// The BundID attribute names (egov-standards §2.2).
const (
	oidBPK2              = "urn:oid:1.3.6.1.4.1.25484.494450.3"
	oidAssertionProvedBy = "urn:oid:1.3.6.1.4.1.25484.494450.2"
	oidCitizenQAALevel   = "urn:oid:1.2.40.0.10.2.1.1.261.94" // EID-CITIZEN-QAA-LEVEL
)

// attrOIDs lists the personal attributes of BundID with their canonical
// names in the bridge, in the order they are requested.
var attrOIDs = []struct {
	OID  string
	Attr eid.Attr
}{
	{"urn:oid:2.5.4.42", eid.GivenNames},                      // givenName
	{"urn:oid:2.5.4.4", eid.FamilyNames},                      // surname
	{"urn:oid:1.2.40.0.10.2.1.1.225566", eid.BirthName},       // birthName
	{"urn:oid:1.2.40.0.10.2.1.1.55", eid.DateOfBirth},         // birthdate, YYYY-MM-DD
	{"urn:oid:1.3.6.1.5.5.7.9.2", eid.PlaceOfBirth},           // placeOfBirth
	{"urn:oid:1.2.40.0.10.2.1.1.225577", eid.Nationality},     // nationality
	{"urn:oid:0.9.2342.19200300.100.1.40", eid.AcademicTitle}, // personalTitle (Doktorgrad)
	{"urn:oid:2.5.4.16", eid.StreetAddress},                   // postalAddress
	{"urn:oid:2.5.4.17", eid.PostalCode},                      // postalCode
	{"urn:oid:2.5.4.7", eid.Locality},                         // localityName
	{"urn:oid:1.2.40.0.10.2.1.1.225599", eid.Country},         // Country
	{"urn:oid:1.2.40.0.10.2.1.1.552255", eid.DocumentType},    // documentType
	{"urn:oid:1.3.6.1.4.1.25484.494450.5", eid.CommunityID},   // communityId (ARS)
}

// attrOf is the canonical attribute of a BundID name.
func attrOf(oid string) (eid.Attr, bool) {
	for _, a := range attrOIDs {
		if a.OID == oid {
			return a.Attr, true
		}
	}
	return "", false
}

// normalizeOID trims the stray space some senders put after "urn:oid:"
// (egov-standards §2.2, caveats): parse leniently, emit without it.
func normalizeOID(name string) string {
	name = strings.TrimSpace(name)
	if rest, ok := strings.CutPrefix(name, "urn:oid:"); ok {
		return "urn:oid:" + strings.TrimSpace(rest)
	}
	return name
}

// meansFINK: a login with another Land's account through BundID (amr
// "fink", egov-standards §1.4); the bridge has no constant for it yet.
const meansFINK eid.Means = "fink"

// provedBy maps AssertionProvedBy values (egov-standards §2.2) to means.
var provedBy = map[string]eid.Means{
	"benutzername": eid.MeansPassword,
	"eid":          eid.MeansEID,
	"smart-eid":    eid.MeansSmartEID,
	"elster":       eid.MeansElster,
	"eidas":        eid.MeansEIDAS,
	"fink":         meansFINK,
}
