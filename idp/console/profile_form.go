package console

import (
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"mvnk/idp/account"
	"mvnk/portal"
)

// profileAttrs are the attributes of "Persönliche Daten", in the order
// of the seed's account page; birthdate is three fields (birthdate,
// birthdate-monat, birthdate-jahr; GOV.UK/KERN date input).
var profileAttrs = []string{
	account.AttrSalutation, account.AttrFamilyName, account.AttrBirthName, account.AttrGivenName,
	account.AttrStreetAddress, account.AttrPostalCode, account.AttrLocality, account.AttrCountry,
	account.AttrBirthdate, account.AttrPlaceOfBirth, account.AttrTitle, account.AttrArtisticName,
	account.AttrNationality, account.AttrPhoneNumber,
}

// salutations are the choices of Anrede.
var salutations = []string{"Frau", "Herr", "Divers/keine Angabe"}

const maxAttrLen = 100

// profileForm is the form as sent: attribute name → value, for the
// editable attributes only (proven ones are not the user's to change).
type profileForm struct {
	Values           map[string]string
	Day, Month, Year string
	now              time.Time
}

func parseProfileForm(r *http.Request, editable func(string) bool, now time.Time) profileForm {
	f := profileForm{Values: map[string]string{}, now: now}
	for _, name := range profileAttrs {
		if editable(name) && name != account.AttrBirthdate {
			f.Values[name] = strings.TrimSpace(r.PostFormValue(name))
		}
	}
	if editable(account.AttrBirthdate) {
		f.Day, f.Month = strings.TrimSpace(r.PostFormValue("birthdate")), strings.TrimSpace(r.PostFormValue("birthdate-monat"))
		f.Year = strings.TrimSpace(r.PostFormValue("birthdate-jahr"))
		f.Values[account.AttrBirthdate] = f.birthdate()
	}
	return f
}

// birthdate is YYYY-MM-DD (OIDC Core §5.1) for a valid date, "" for none
// and the raw parts otherwise (Validate refuses it).
func (f profileForm) birthdate() string {
	if f.Day+f.Month+f.Year == "" {
		return ""
	}
	d, errD := strconv.Atoi(f.Day)
	m, errM := strconv.Atoi(f.Month)
	y, errY := strconv.Atoi(f.Year)
	if errD != nil || errM != nil || errY != nil {
		return f.Year + "-" + f.Month + "-" + f.Day
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

// Validate checks every field; one message per field, in form order.
func (f profileForm) Validate() []portal.FieldError {
	var errs []portal.FieldError
	for _, name := range profileAttrs {
		v, ok := f.Values[name]
		if !ok {
			continue
		}
		if key, args := f.check(name, v); key != "" {
			errs = append(errs, fieldError(name, key, args...))
		}
	}
	return errs
}

var (
	digits5 = regexp.MustCompile(`^[0-9]{5}$`)
	phoneRE = regexp.MustCompile(`^\+?[0-9][0-9 ()/-]{2,29}$`)
)

// check is one field's message key, "" when it is fine.
func (f profileForm) check(name, v string) (string, []any) {
	switch {
	case utf8.RuneCountInString(v) > maxAttrLen:
		return msgTooLong, []any{maxAttrLen}
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		return msgControlChar, nil
	case v == "":
		return "", nil
	}
	switch name {
	case account.AttrSalutation:
		return keyUnless(slices.Contains(salutations, v), msgSalutation), nil
	case account.AttrPostalCode:
		return keyUnless(!germany(f.Values[account.AttrCountry]) || digits5.MatchString(v), msgPostalCode), nil
	case account.AttrPhoneNumber:
		return keyUnless(phoneRE.MatchString(v), msgPhone), nil
	case account.AttrBirthdate:
		return f.checkDate(), nil
	}
	return "", nil
}

// checkDate: all three parts, a real calendar date, in the past.
func (f profileForm) checkDate() string {
	if f.Day == "" || f.Month == "" || f.Year == "" {
		return msgDateIncomplete
	}
	d, _ := strconv.Atoi(f.Day)
	m, _ := strconv.Atoi(f.Month)
	y, _ := strconv.Atoi(f.Year)
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1900 || t.Day() != d || int(t.Month()) != m || t.Year() != y {
		return msgDateInvalid
	}
	return keyUnless(t.Before(f.now), msgDateFuture)
}

// germany: the PLZ rule applies when the country is Germany or not given.
func germany(country string) bool {
	c := strings.ToLower(strings.TrimSpace(country))
	return c == "" || c == "deutschland" || c == "de" || c == "germany"
}

func keyUnless(ok bool, key string) string {
	if ok {
		return ""
	}
	return key
}
