package console

import (
	"mvnk/idp/account"
	"mvnk/portal"
)

// Message keys of the console's forms, with their German and English
// texts; the error summary shows them through consolePage.Msg.
const (
	msgTooLong        = "profile.too_long"
	msgControlChar    = "profile.control_char"
	msgSalutation     = "profile.salutation"
	msgPostalCode     = "profile.postal_code"
	msgDateIncomplete = "profile.date_incomplete"
	msgDateInvalid    = "profile.date_invalid"
	msgDateFuture     = "profile.date_future"
	msgPhone          = "profile.phone"

	msgCurrentWrong   = "security.current_wrong"
	msgCurrentMissing = "security.current_missing"
	msgThrottled      = "security.throttled"
	msgRepeatDiffers  = "security.repeat_differs"
	msgEmailInvalid   = "security.email_invalid"
	msgEmailSame      = "security.email_same"

	msgConfirmMissing = "delete.confirm_missing"
)

var texts = portal.Texts{
	msgTooLong: {"Bitte geben Sie höchstens %d Zeichen ein.", "Please enter at most %d characters."},
	msgControlChar: {"Die Eingabe enthält ein Steuerzeichen, das nicht erlaubt ist.",
		"The input contains a control character that is not allowed."},
	msgSalutation: {"Bitte wählen Sie eine Anrede aus der Liste.", "Please choose a salutation from the list."},
	msgPostalCode: {"Eine deutsche Postleitzahl hat 5 Ziffern, zum Beispiel 19053.",
		"A German postcode has 5 digits, for example 19053."},
	msgDateIncomplete: {"Das Geburtsdatum muss Tag, Monat und Jahr enthalten.",
		"The date of birth must include a day, month and year."},
	msgDateInvalid: {"Das Geburtsdatum muss ein echtes Datum sein, zum Beispiel 27 3 1985.",
		"The date of birth must be a real date, for example 27 3 1985."},
	msgDateFuture: {"Das Geburtsdatum muss in der Vergangenheit liegen.",
		"The date of birth must be in the past."},
	msgPhone: {"Bitte geben Sie eine Telefonnummer aus Ziffern ein, zum Beispiel +49 385 588 0.",
		"Please enter a phone number made of digits, for example +49 385 588 0."},

	msgCurrentWrong:   {"Das aktuelle Passwort ist falsch.", "The current password is wrong."},
	msgCurrentMissing: {"Bitte geben Sie Ihr aktuelles Passwort ein.", "Please enter your current password."},
	msgThrottled: {"Zu viele Versuche. Bitte warten Sie %d Sekunden.",
		"Too many attempts. Please wait %d seconds."},
	msgRepeatDiffers: {"Die beiden Passwörter stimmen nicht überein.", "The two passwords do not match."},
	msgEmailInvalid: {"Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@example.de.",
		"Please enter a valid e-mail address, for example name@example.de."},
	msgEmailSame: {"Das ist bereits Ihre E-Mail-Adresse.", "This is already your e-mail address."},

	msgConfirmMissing: {"Bitte bestätigen Sie, dass Ihr Konto endgültig gelöscht werden soll.",
		"Please confirm that your account is to be deleted for good."},

	// Labels of the profile fields and sources (profile_fields.go).
	"attr.salutation":     {"Anrede", "Salutation"},
	"attr.family_name":    {"Nachname", "Surname"},
	"attr.birth_name":     {"Geburtsname", "Birth name"},
	"attr.given_name":     {"Vorname", "Given names"},
	"attr.street_address": {"Straße Hausnummer", "Street and house number"},
	"attr.postal_code":    {"Postleitzahl", "Postcode"},
	"attr.locality":       {"Ort", "Town or city"},
	"attr.country":        {"Land", "Country"},
	"attr.birthdate":      {"Geburtsdatum", "Date of birth"},
	"attr.place_of_birth": {"Geburtsort", "Place of birth"},
	"attr.title":          {"Doktorgrad", "Doctoral degree"},
	"attr.artistic_name":  {"Ordensname/Künstlername", "Religious or stage name"},
	"attr.nationality":    {"Staatsangehörigkeit", "Nationality"},
	"attr.phone_number":   {"Telefonnummer", "Phone number"},
	"source.eid":          {"aus dem Online-Ausweis", "from the online ID card"},
	"source.bundid":       {"aus der BundID", "from BundID"},
	"source.fink":         {"aus dem Nutzerkonto eines anderen Landes", "from another state's citizen account"},
	"source.staff":        {"von einer Behörde bestätigt", "confirmed by an authority"},
	"source.other":        {"nachgewiesen", "proven"},
	"date.day":            {"Tag", "Day"},
	"date.month":          {"Monat", "Month"},
	"date.year":           {"Jahr", "Year"},
	"date.hint":           {"Zum Beispiel 27 3 1985", "For example 27 3 1985"},
	"select.none":         {"Keine Angabe gespeichert", "Nothing stored"},
	"optional":            {"(optional)", "(optional)"},
	"save":                {"Speichern", "Save"},

	// Authentication methods (RFC 8176) on the sessions page.
	"amr.pwd":  {"Passwort", "Password"},
	"amr.otp":  {"Einmalcode (App)", "One-time code (app)"},
	"amr.hwk":  {"Passkey", "Passkey"},
	"amr.swk":  {"Passkey", "Passkey"},
	"amr.user": {"Passkey", "Passkey"},
	"amr.mfa":  {"zwei Faktoren", "two factors"},
	"amr.kba":  {"Wiederherstellungscode", "Recovery code"},
	"amr.eid":  {"Online-Ausweis", "Online ID card"},

	// The password rules of account.CheckPassword; German as account has it.
	account.PwTooShort:    {account.Message(account.PwTooShort), "The password must be at least 8 characters long."},
	account.PwTooLong:     {account.Message(account.PwTooLong), "The password may be at most 128 characters long."},
	account.PwCommon:      {account.Message(account.PwCommon), "This password is too well known: it is on a list of common or leaked passwords. Please choose another one."},
	account.PwPersonal:    {account.Message(account.PwPersonal), "The password must not be your username or e-mail address."},
	account.PwRepetitive:  {account.Message(account.PwRepetitive), "The password must not be a repeated character or a simple sequence (such as 12345678)."},
	account.PwControlChar: {account.Message(account.PwControlChar), "The password contains a control character that cannot be typed."},
}

// consolePage is the base of the console's pages: form messages come
// from texts above, not from the portal's catalogue.
type consolePage struct{ portal.Page }

// Msg translates a form error (used by the error summary).
func (p *consolePage) Msg(e portal.FieldError) string { return texts.Text(e.Key, p.Lang, e.Args...) }

// Field is a field's error state for the field templates.
func (p *consolePage) Field(id string) portal.FieldState { return texts.FieldState(&p.Page, id) }

// Say is a console text in the page's language.
func (p *consolePage) Say(key string, args ...any) string { return texts.Text(key, p.Lang, args...) }

func fieldError(field, key string, args ...any) portal.FieldError {
	return portal.FieldError{Field: field, Key: key, Args: args}
}
