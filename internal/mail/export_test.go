package mail

import (
	"net/mail"
	"time"
)

// Test hooks for the black-box tests in package mail_test.

// Compose renders m as the SMTP sender would, from the mailbox from.
func Compose(m Message, from string, now time.Time) ([]byte, error) {
	addr, err := mail.ParseAddress(from)
	if err != nil {
		return nil, err
	}
	return compose(m, addr, now)
}

// Segment and Linkify expose the dev mailbox's link finder.
type Segment = segment

func Linkify(line string) []Segment { return linkify(line) }

// SetNow sets the outbox's clock.
func (o *Outbox) SetNow(now func() time.Time) { o.now = now }
