package login

import (
	"context"
	"fmt"
	"net/url"

	"mvnk/internal/mail"
)

// Mails of the login, German first, then English; the links are
// single-use and only their hash is stored (account.IssueToken).
const (
	mailConfirm = `Guten Tag,

Sie haben beim MV-Nutzerkonto ein Konto mit dem Benutzernamen %[1]s angelegt.
Bitte bestätigen Sie Ihre E-Mail-Adresse über diesen Link (gültig 24 Stunden, nur einmal verwendbar):

%[2]s

Wenn Sie kein Konto angelegt haben, können Sie diese E-Mail ignorieren.

---

You created an account with the username %[1]s at the MV-Nutzerkonto.
Please confirm your e-mail address with the link above (valid for 24 hours, single use).
If you did not create an account, you can ignore this e-mail.
`
	mailTaken = `Guten Tag,

jemand wollte mit Ihrer E-Mail-Adresse ein MV-Nutzerkonto anlegen. Sie haben dort bereits ein Konto.
Wenn Sie Ihr Passwort vergessen haben, können Sie es hier neu setzen:

%[1]s

Wenn Sie das nicht waren, können Sie diese E-Mail ignorieren.

---

Someone tried to create an MV-Nutzerkonto with your e-mail address. You already have an account.
If you forgot your password, you can set a new one with the link above.
`
	mailReset = `Guten Tag,

Sie haben ein neues Passwort für Ihr MV-Nutzerkonto angefordert. Über diesen Link können Sie es festlegen (gültig 1 Stunde, nur einmal verwendbar):

%[1]s

Wenn Sie kein neues Passwort angefordert haben, können Sie diese E-Mail ignorieren; Ihr Passwort bleibt unverändert.

---

You asked for a new password for your MV-Nutzerkonto. Use the link above to set it (valid for 1 hour, single use).
If you did not ask for it, ignore this e-mail; your password stays unchanged.
`
)

// link is an absolute link to one of the login's pages with a token.
func (l *Login) link(path, token string) string {
	if token == "" {
		return l.cfg.Issuer + path
	}
	return l.cfg.Issuer + path + "?" + url.Values{"token": {token}}.Encode()
}

// queue puts a mail in the outbox (delivered with retries by the job
// runner; the request does not wait for SMTP).
func (l *Login) queue(ctx context.Context, to, kind, subject, text string) error {
	return l.Mail.Queue(ctx, l.DB, mail.Message{To: to, Kind: kind, Subject: subject, Text: text})
}

func (l *Login) sendConfirm(ctx context.Context, to, username, token string) error {
	return l.queue(ctx, to, "account.confirm", "Bitte bestätigen Sie Ihre E-Mail-Adresse – MV-Nutzerkonto",
		fmt.Sprintf(mailConfirm, username, l.link(pathConfirm, token)))
}

func (l *Login) sendTaken(ctx context.Context, to string) error {
	return l.queue(ctx, to, "account.exists", "Ihr MV-Nutzerkonto besteht bereits",
		fmt.Sprintf(mailTaken, l.link(pathForgot, "")))
}

func (l *Login) sendReset(ctx context.Context, to, token string) error {
	return l.queue(ctx, to, "account.reset", "Neues Passwort für Ihr MV-Nutzerkonto",
		fmt.Sprintf(mailReset, l.link(pathReset, token)))
}
