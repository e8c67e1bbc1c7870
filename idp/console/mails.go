package console

import (
	"context"
	"fmt"
	"net/url"

	"mvnk/internal/mail"
)

// Mails of the console, German first, then English.
const (
	mailEmailChange = `Guten Tag,

für das MV-Nutzerkonto %[1]s soll diese E-Mail-Adresse die neue Kontaktadresse werden.
Bitte bestätigen Sie sie über diesen Link (gültig 24 Stunden, nur einmal verwendbar):

%[2]s

Wenn Sie das nicht veranlasst haben, ignorieren Sie diese E-Mail; es ändert sich nichts.

---

This address is to become the new contact address of the MV-Nutzerkonto %[1]s.
Please confirm it with the link above (valid for 24 hours, single use).
If you did not ask for this, ignore this e-mail; nothing changes.
`
	mailEmailTaken = `Guten Tag,

jemand wollte diese E-Mail-Adresse für ein anderes MV-Nutzerkonto eintragen. Sie gehört bereits zu einem Konto; es ändert sich nichts.

---

Someone tried to add this e-mail address to another MV-Nutzerkonto. It already belongs to an account; nothing changes.
`
	mailEmailChanged = `Guten Tag,

die E-Mail-Adresse Ihres MV-Nutzerkontos wurde in %[1]s geändert. Mitteilungen gehen ab jetzt dorthin.
Wenn Sie das nicht waren, wenden Sie sich bitte sofort an den Support und ändern Sie Ihr Passwort.

---

The e-mail address of your MV-Nutzerkonto was changed to %[1]s. Messages now go there.
If this was not you, please contact support at once and change your password.
`
	mailPasswordChanged = `Guten Tag,

das Passwort Ihres MV-Nutzerkontos wurde soeben geändert. Alle anderen Anmeldungen wurden beendet.
Wenn Sie das nicht waren, setzen Sie Ihr Passwort hier neu: %[1]s

---

The password of your MV-Nutzerkonto was just changed. All other sign-ins were ended.
If this was not you, reset your password here: %[1]s
`
)

// link is an absolute link to a page of the instance.
func (c *Console) link(path, token string) string {
	base := c.Login.Issuer()
	if token == "" {
		return base + path
	}
	return base + path + "?" + url.Values{"token": {token}}.Encode()
}

// queue puts a mail in the outbox (delivered with retries by the job
// runner; the request does not wait for SMTP).
func (c *Console) queue(ctx context.Context, to, kind, subject, text string) error {
	return c.Mail.Queue(ctx, c.DB, mail.Message{To: to, Kind: kind, Subject: subject, Text: text})
}

func (c *Console) sendEmailChange(ctx context.Context, to, username, token string) error {
	return c.queue(ctx, to, "account.email_change", "Bitte bestätigen Sie Ihre neue E-Mail-Adresse – MV-Nutzerkonto",
		fmt.Sprintf(mailEmailChange, username, c.link(pathEmailConfirm, token)))
}

func (c *Console) sendEmailTaken(ctx context.Context, to string) error {
	return c.queue(ctx, to, "account.email_taken", "Ihre E-Mail-Adresse beim MV-Nutzerkonto", mailEmailTaken)
}

func (c *Console) sendEmailChanged(ctx context.Context, old, now string) error {
	return c.queue(ctx, old, "account.email_changed", "Ihre E-Mail-Adresse wurde geändert – MV-Nutzerkonto",
		fmt.Sprintf(mailEmailChanged, now))
}

func (c *Console) sendPasswordChanged(ctx context.Context, to string) error {
	return c.queue(ctx, to, "account.password_changed", "Ihr Passwort wurde geändert – MV-Nutzerkonto",
		fmt.Sprintf(mailPasswordChanged, c.link("/passwort-vergessen", "")))
}
