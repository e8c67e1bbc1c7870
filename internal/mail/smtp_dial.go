package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"os"
	"strconv"
	"strings"
	"time"
)

// dial connects, secures the connection as configured and authenticates.
// The whole exchange is bounded by the connection's deadline (six times
// the dial timeout, or ctx's deadline if sooner), and the connection is
// closed when ctx ends. The caller must call done.
func (s *SMTPSender) dial(ctx context.Context) (c *smtp.Client, done func(), err error) {
	conn, err := s.connect(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("connect to SMTP server %s: %w", s.addr(), err)
	}
	deadline := time.Now().Add(6 * s.cfg.Timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	_ = conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	done = func() { stop(); conn.Close() }
	if c, err = smtp.NewClient(conn, s.cfg.Host); err == nil {
		err = s.secure(c)
	}
	if err != nil {
		done()
		return nil, nil, err
	}
	return c, done, nil
}

func (s *SMTPSender) addr() string {
	return net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port))
}

// connect opens the TCP connection, for Security TLS with the handshake.
func (s *SMTPSender) connect(ctx context.Context) (net.Conn, error) {
	d := &net.Dialer{Timeout: s.cfg.Timeout}
	if s.cfg.Security == TLS {
		td := &tls.Dialer{NetDialer: d, Config: s.tlsConfig()}
		return td.DialContext(ctx, "tcp", s.addr())
	}
	return d.DialContext(ctx, "tcp", s.addr())
}

// secure runs STARTTLS when configured (RFC 3207 §4: a client that wants
// TLS must not continue without it) and then AUTH PLAIN (RFC 4954, RFC
// 4616). net/smtp refuses PLAIN over an unencrypted connection except to
// localhost.
func (s *SMTPSender) secure(c *smtp.Client) error {
	if err := c.Hello(localName()); err != nil {
		return fmt.Errorf("EHLO: %w", err)
	}
	if s.cfg.Security == StartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return errors.New("SMTP server does not offer STARTTLS")
		}
		if err := c.StartTLS(s.tlsConfig()); err != nil {
			return fmt.Errorf("STARTTLS: %w", err)
		}
	}
	if s.cfg.Username == "" {
		return nil
	}
	if err := c.Auth(smtp.PlainAuth("", s.cfg.Username, s.cfg.Password, s.cfg.Host)); err != nil {
		return fmt.Errorf("AUTH: %w", err)
	}
	return nil
}

func (s *SMTPSender) tlsConfig() *tls.Config {
	if s.cfg.TLS != nil {
		c := s.cfg.TLS.Clone()
		if c.ServerName == "" {
			c.ServerName = s.cfg.Host
		}
		return c
	}
	return &tls.Config{ServerName: s.cfg.Host, MinVersion: tls.VersionTLS12}
}

// localName is the EHLO argument: this machine's name if it is a fully
// qualified domain (RFC 5321 §4.1.1.1), else "localhost" as net/smtp sends.
func localName() string {
	if h, err := os.Hostname(); err == nil && strings.Contains(h, ".") && !strings.ContainsAny(h, " \r\n") {
		return h
	}
	return "localhost"
}
