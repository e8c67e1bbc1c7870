package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"time"
)

// Security is how the connection to the SMTP server is protected.
type Security string

const (
	StartTLS Security = "starttls" // RFC 3207; the server must offer it, no fallback
	TLS      Security = "tls"      // implicit TLS from the first byte (RFC 8314 §3.3)
	Plain    Security = "none"     // only for a server on localhost
)

// SMTPConfig names the server and how to talk to it.
type SMTPConfig struct {
	Host     string
	Port     int
	Security Security
	Username string // "" = no AUTH
	Password string // never logged
	From     string // RFC 5322 mailbox
	// Timeout bounds dialling (0: 10 s); the whole exchange may take
	// six times as long.
	Timeout time.Duration
	// TLS overrides the TLS settings (tests: a private root CA); nil
	// verifies the server's certificate for Host with TLS 1.2 or later.
	TLS *tls.Config
}

// SMTPSender sends mail through one SMTP server, one connection per mail.
type SMTPSender struct {
	cfg  SMTPConfig
	from *mail.Address
	now  func() time.Time
}

// NewSMTPSender checks cfg and returns the sender.
func NewSMTPSender(cfg SMTPConfig) (*SMTPSender, error) {
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("mail: from address %q: %w", cfg.From, err)
	}
	switch {
	case cfg.Host == "" || cfg.Port <= 0:
		return nil, errors.New("mail: SMTP host and port are required")
	case cfg.Security != StartTLS && cfg.Security != TLS && cfg.Security != Plain:
		return nil, fmt.Errorf("mail: unknown SMTP security %q", cfg.Security)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	return &SMTPSender{cfg: cfg, from: from, now: time.Now}, nil
}

// Send delivers m in one SMTP transaction (RFC 5321 §3.3).
func (s *SMTPSender) Send(ctx context.Context, m Message) error {
	msg, err := compose(m, s.from, s.now())
	if err != nil {
		return err
	}
	to, _ := mail.ParseAddress(m.To) // compose validated it
	c, done, err := s.dial(ctx)
	if err != nil {
		return err
	}
	defer done()
	if err := s.transact(c, to.Address, msg); err != nil {
		return err
	}
	// The server took responsibility with its reply to the end of DATA
	// (RFC 5321 §4.1.1.4, §6.1); a failing QUIT must not cause a resend.
	_ = c.Quit()
	return nil
}

// transact runs MAIL, RCPT and DATA. A 5yz reply to RCPT or DATA is
// permanent (RFC 5321 §4.2.1); the same message would be refused again.
func (s *SMTPSender) transact(c *smtp.Client, to string, msg []byte) error {
	if err := c.Mail(s.from.Address); err != nil {
		return fmt.Errorf("MAIL FROM: %w", err)
	}
	if err := c.Rcpt(to); err != nil {
		return permanentIf5xx("RCPT TO", err)
	}
	w, err := c.Data()
	if err != nil {
		return permanentIf5xx("DATA", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	return permanentIf5xx("end of DATA", w.Close())
}

func permanentIf5xx(step string, err error) error {
	var tp *textproto.Error
	if errors.As(err, &tp) && tp.Code >= 500 {
		return fmt.Errorf("%w: %s: %w", ErrPermanent, step, err)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", step, err)
	}
	return nil
}
