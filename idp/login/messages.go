package login

import (
	"mvnk/idp/account"
	"mvnk/portal"
)

// Message keys of the form errors, with their German and English texts.
// The error summary shows them through formPage.Msg.
const (
	msgLoginFailed   = "login.failed"
	msgThrottled     = "login.throttled"
	msgNotConfirmed  = "login.not_confirmed"
	msgLoginMissing  = "login.login_missing"
	msgPasswordEmpty = "login.password_missing"

	msgUsernameMissing = "register.username_missing"
	msgUsernameInvalid = "register.username_invalid"
	msgUsernameTaken   = "register.username_taken"
	msgEmailInvalid    = "register.email_invalid"
	msgRepeatDiffers   = "register.repeat_differs"
)

var texts = portal.Texts{
	// The second factor (secondfactor*.go).
	msgCodeMissing: {"Bitte geben Sie den sechsstelligen Code aus Ihrer Authenticator-App ein.",
		"Please enter the six-digit code from your authenticator app."},
	msgCodeWrong: {"Der Code ist falsch oder wurde schon verwendet. Bitte geben Sie den aktuellen Code ein.",
		"The code is wrong or has already been used. Please enter the current code."},
	msgRecoveryMissing: {"Bitte geben Sie einen Ihrer Wiederherstellungscodes ein.",
		"Please enter one of your recovery codes."},
	msgQRLabel: {"QR-Code zum Einrichten der Authenticator-App. Den Schlüssel zum Abtippen finden Sie unter dem Bild.",
		"QR code to set up the authenticator app. The key to type in is shown below the image."},
	msgLoginFailed: {"Benutzername oder Passwort ist falsch.",
		"Username or password is wrong."},
	msgThrottled: {"Zu viele Versuche. Bitte warten Sie %d Sekunden.",
		"Too many attempts. Please wait %d seconds."},
	msgNotConfirmed: {"Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse über den Link, den wir Ihnen gesendet haben.",
		"Please first confirm your e-mail address with the link we sent you."},
	msgLoginMissing: {"Bitte geben Sie Ihren Benutzernamen oder Ihre E-Mail-Adresse ein.",
		"Please enter your username or e-mail address."},
	msgPasswordEmpty: {"Bitte geben Sie Ihr Passwort ein.",
		"Please enter your password."},
	msgUsernameMissing: {"Bitte wählen Sie einen Benutzernamen.",
		"Please choose a username."},
	msgUsernameInvalid: {"Der Benutzername muss 3 bis 64 Zeichen lang sein und darf nur Buchstaben, Ziffern, Punkt, Unterstrich und Bindestrich enthalten.",
		"The username must be 3 to 64 characters long and may only contain letters, digits, dot, underscore and hyphen."},
	msgUsernameTaken: {"Dieser Benutzername ist bereits vergeben. Bitte wählen Sie einen anderen.",
		"This username is already taken. Please choose another one."},
	msgEmailInvalid: {"Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@example.de.",
		"Please enter a valid e-mail address, for example name@example.de."},
	msgRepeatDiffers: {"Die beiden Passwörter stimmen nicht überein.",
		"The two passwords do not match."},

	// The password rules of account.CheckPassword; German as account has it.
	account.PwTooShort:    {account.Message(account.PwTooShort), "The password must be at least 8 characters long."},
	account.PwTooLong:     {account.Message(account.PwTooLong), "The password may be at most 128 characters long."},
	account.PwCommon:      {account.Message(account.PwCommon), "This password is too well known: it is on a list of common or leaked passwords. Please choose another one."},
	account.PwPersonal:    {account.Message(account.PwPersonal), "The password must not be your username or e-mail address."},
	account.PwRepetitive:  {account.Message(account.PwRepetitive), "The password must not be a repeated character or a simple sequence (such as 12345678)."},
	account.PwControlChar: {account.Message(account.PwControlChar), "The password contains a control character that cannot be typed."},
}

// text is the message key in lang, formatted with args.
func text(key, lang string, args ...any) string { return texts.Text(key, lang, args...) }

// formPage is the base of the login's form pages: its messages come from
// texts above, not from the portal's catalogue.
type formPage struct{ portal.Page }

// Msg translates a form error (used by the error summary).
func (f *formPage) Msg(e portal.FieldError) string { return text(e.Key, f.Lang, e.Args...) }

// Field is a field's error state for the field templates.
func (f *formPage) Field(id string) portal.FieldState { return texts.FieldState(&f.Page, id) }

func fieldError(field, key string, args ...any) []portal.FieldError {
	return []portal.FieldError{{Field: field, Key: key, Args: args}}
}
