// Package mail sends the platform's e-mails: registration links,
// notifications of new Postfach messages. Every mail goes through an outbox
// (ARCHITECTURE.md, principle 5): Queue stores it in the caller's
// transaction together with a job, and the job runner delivers it with
// retries, so nothing is lost while the SMTP server is down. In dev mode
// without an SMTP server, mail lands in a dev mailbox shown at /dev/mail.
package mail

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"unicode/utf8"
)

// Message is one e-mail to one recipient. Text is the body; HTML is an
// optional alternative rendering of the same content.
type Message struct {
	ID      string // set by the outbox; the Message-ID, stable across retries
	To      string // one mailbox, "name <addr>" or "addr"
	Subject string
	Text    string
	HTML    string // optional
	Kind    string // what the mail is for, e.g. "account.confirm"; for the log
}

// Sender delivers a message. An error wrapping ErrPermanent means the
// message can never be delivered (a retry would fail the same way).
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// ErrPermanent marks a failure a retry cannot cure: a malformed message,
// or a 5yz reply to RCPT or DATA (RFC 5321 §4.2.1).
var ErrPermanent = errors.New("permanent mail failure")

const maxSubject = 250 // characters; keeps the encoded header well below 998 octets (RFC 5322 §2.1.1)

// Validate refuses what could break the message's header section: line
// breaks (header injection), other control characters, more than one
// recipient, and an address that is not an RFC 5322 §3.4 mailbox.
func (m Message) Validate() error {
	for name, v := range map[string]string{"to": m.To, "subject": m.Subject, "kind": m.Kind} {
		if !oneLine(v) {
			return fmt.Errorf("%w: %s contains a line break or control character", ErrPermanent, name)
		}
	}
	if _, err := mail.ParseAddress(m.To); err != nil {
		return fmt.Errorf("%w: to %q is not a single mail address", ErrPermanent, m.To)
	}
	if m.Subject == "" || utf8.RuneCountInString(m.Subject) > maxSubject {
		return fmt.Errorf("%w: subject must have 1 to %d characters", ErrPermanent, maxSubject)
	}
	if m.Text == "" || !utf8.ValidString(m.Text) || !utf8.ValidString(m.HTML) {
		return fmt.Errorf("%w: text body missing or not UTF-8", ErrPermanent)
	}
	return nil
}

// oneLine reports whether s is valid UTF-8 without control characters.
func oneLine(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' {
			return false
		}
	}
	return true
}
