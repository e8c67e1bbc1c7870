package account

import "errors"

// Message keys for the pages (dotted like the i18n catalogue keys); the
// German texts below are the defaults until they move into the catalogue.
const (
	MsgLoginFailed  = "account.login_failed"
	MsgThrottled    = "account.throttled"
	MsgTokenInvalid = "account.token_invalid"
	MsgNotConfirmed = "account.email_not_confirmed"
	// MsgResetSent is the one answer to every "Passwort vergessen"
	// request, whether or not an account exists (see RequestPasswordReset).
	MsgResetSent = "account.reset_sent"
)

var messages = map[string]string{
	MsgLoginFailed:  "Anmeldung fehlgeschlagen: Benutzername bzw. E-Mail-Adresse oder Passwort ist nicht korrekt.",
	MsgThrottled:    "Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie %s und versuchen Sie es dann erneut.",
	MsgTokenInvalid: "Der Link ist ungültig, abgelaufen oder wurde bereits verwendet. Bitte fordern Sie einen neuen an.",
	MsgNotConfirmed: "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse über den Link, den wir Ihnen gesendet haben.",
	MsgResetSent:    "Wenn zu diesen Angaben ein Konto besteht, haben wir eine E-Mail mit einem Link zum Zurücksetzen des Passworts gesendet.",

	PwTooShort:    "Das Passwort muss mindestens 8 Zeichen lang sein.",
	PwTooLong:     "Das Passwort darf höchstens 128 Zeichen lang sein.",
	PwCommon:      "Dieses Passwort ist zu bekannt: Es steht auf einer Liste häufiger oder veröffentlichter Passwörter. Bitte wählen Sie ein anderes.",
	PwPersonal:    "Das Passwort darf nicht Ihrem Benutzernamen oder Ihrer E-Mail-Adresse entsprechen.",
	PwRepetitive:  "Das Passwort darf nicht nur aus einem wiederholten Zeichen oder einer einfachen Folge (z. B. 12345678) bestehen.",
	PwControlChar: "Das Passwort enthält ein Steuerzeichen, das nicht eingegeben werden kann.",
}

// Message is the German text of a message key ("" if unknown).
func Message(key string) string { return messages[key] }

// MessageKey maps an error of this package to the key of what the user
// is shown ("" = not for users: log it, show a generic error page).
func MessageKey(err error) string {
	switch {
	case errors.Is(err, ErrInvalidCredentials):
		return MsgLoginFailed
	case errors.Is(err, ErrThrottled):
		return MsgThrottled
	case errors.Is(err, ErrTokenInvalid):
		return MsgTokenInvalid
	case errors.Is(err, ErrNotConfirmed):
		return MsgNotConfirmed
	}
	return ""
}
