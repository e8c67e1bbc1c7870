package config

import (
	"errors"
	"fmt"
	"net"
	"net/mail"
	"strconv"
	"strings"
)

// SMTP is the outgoing mail server. Password is a secret: never logged.
type SMTP struct {
	Host     string // "" = no SMTP server
	Port     int
	Security string // "starttls", "tls" or "none"
	Username string // "" = no AUTH
	Password string
	From     string // RFC 5322 mailbox, e.g. "MV-Serviceportal <noreply@mv.example>"
}

func setSMTPHost(c *Config, v string) error {
	if strings.ContainsAny(v, " \t\r\n/@") {
		return fmt.Errorf("%q is not a host name or IP address", v)
	}
	if _, _, err := net.SplitHostPort(v); err == nil {
		return fmt.Errorf("%q: give the host only; the port goes into MVNK_SMTP_PORT", v)
	}
	c.SMTP.Host = v
	return nil
}

func setSMTPPort(c *Config, v string) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("%q is not a port number between 1 and 65535", v)
	}
	c.SMTP.Port = n
	return nil
}

// setMailFrom accepts one mailbox as RFC 5322 §3.4 defines it.
func setMailFrom(c *Config, v string) error {
	if strings.ContainsAny(v, "\r\n") {
		return errors.New("must be one line")
	}
	if _, err := mail.ParseAddress(v); err != nil {
		return fmt.Errorf("%q is not a mail address like \"MV-Serviceportal <noreply@mv.example>\"", v)
	}
	c.SMTP.From = v
	return nil
}

// check tests the SMTP settings that only make sense together. Whether a
// server is required at all is the mail component's decision (it is, outside
// --dev), so commands that send no mail run without one.
func (s SMTP) check() error {
	if s.Host == "" {
		return nil
	}
	if s.Security == "none" && !loopback(s.Host) {
		return &Error{Setting: "MVNK_SMTP_SECURITY", Msg: "none is only allowed for an SMTP server on localhost; use starttls or tls"}
	}
	if s.Username != "" && s.Password == "" {
		return &Error{Setting: "MVNK_SMTP_PASSWORD", Msg: "required when MVNK_SMTP_USERNAME is set"}
	}
	return nil
}
