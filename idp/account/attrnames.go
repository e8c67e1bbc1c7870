package account

// Attribute names are the OpenID Connect claim names they go out under
// (OIDC Core §5.1 where one exists, else egov-standards §2.4, the keys of
// the BundID/Gover integrations). The German labels are those of the
// account page ("Mein Konto").
const (
	AttrSalutation    = "salutation"     // Anrede
	AttrFamilyName    = "family_name"    // Nachname
	AttrBirthName     = "birth_name"     // Geburtsname
	AttrGivenName     = "given_name"     // Vorname
	AttrStreetAddress = "street_address" // Straße Hausnummer (address claim member)
	AttrPostalCode    = "postal_code"    // Postleitzahl (address claim member)
	AttrLocality      = "locality"       // Ort (address claim member)
	AttrCountry       = "country"        // Land (address claim member)
	AttrBirthdate     = "birthdate"      // Geburtsdatum, YYYY-MM-DD
	AttrPlaceOfBirth  = "place_of_birth" // Geburtsort
	AttrTitle         = "title"          // Doktorgrad
	AttrArtisticName  = "artistic_name"  // Ordensname/Künstlername
	AttrNationality   = "nationality"    // Staatsangehörigkeit
	AttrPhoneNumber   = "phone_number"   // Telefonnummer
)

// AddressAttrs are the members of the address claim (OIDC Core §5.1.1).
var AddressAttrs = []string{AttrStreetAddress, AttrPostalCode, AttrLocality, AttrCountry}
