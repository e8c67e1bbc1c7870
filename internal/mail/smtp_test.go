package mail_test

import (
	"context"
	"crypto/tls"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/internal/mail"
)

const (
	umlautSubject = "Bestätigen Sie Ihre E-Mail-Adresse für das MV-Serviceportal – Größe: äöü ÄÖÜ ß"
	umlautText    = "Guten Tag Jürgen Müßig,\n\nbitte bestätigen Sie Ihre Adresse:\nhttps://konto.example/bestaetigen?code=abc&x=1\n\n" +
		"Eine sehr lange Zeile, die weit über sechsundsiebzig Zeichen hinausgeht und deshalb weich umbrochen werden muss (RFC 2045).\n" +
		".\nDie Zeile davor besteht nur aus einem Punkt (RFC 5321 §4.5.2).\n=?utf-8?q?kein_Kodierwort?=\n"
)

func testMessage() mail.Message {
	return mail.Message{ID: "abc123", To: "Jürgen Müßig <juergen@example.org>", Subject: umlautSubject,
		Text: umlautText, Kind: "account.confirm"}
}

func smtpConfig(f *fakeSMTP, sec mail.Security, client *tls.Config) mail.SMTPConfig {
	return mail.SMTPConfig{Host: "127.0.0.1", Port: f.port(), Security: sec, Username: f.user, Password: f.pass,
		From: "MV-Serviceportal <noreply@mv.example>", Timeout: 2 * time.Second, TLS: client}
}

func send(t *testing.T, cfg mail.SMTPConfig, m mail.Message) error {
	t.Helper()
	s, err := mail.NewSMTPSender(cfg)
	require.NoError(t, err)
	return s.Send(context.Background(), m)
}

// STARTTLS, then AUTH PLAIN, then one message with umlauts everywhere.
func TestSMTPStartTLSAuthPlain(t *testing.T) {
	srvTLS, cliTLS := testCert(t)
	f := &fakeSMTP{t: t, tls: srvTLS, user: "portal", pass: "geheim"}
	f.start()
	m := testMessage()
	m.HTML = "<p>Guten Tag Jürgen Müßig</p>"
	require.NoError(t, send(t, smtpConfig(f, mail.StartTLS, cliTLS), m))

	got := f.messages()
	require.Len(t, got, 1)
	require.True(t, got[0].TLS, "STARTTLS before MAIL")
	require.True(t, got[0].Authed, "AUTH PLAIN before MAIL")
	require.Equal(t, "noreply@mv.example", got[0].From)
	require.Equal(t, "juergen@example.org", got[0].To)

	msg, err := netmail.ReadMessage(strings.NewReader(got[0].Data))
	require.NoError(t, err)
	checkHeader(t, msg.Header)
	text, html := alternativeParts(t, msg)
	require.Equal(t, crlf(umlautText), text)
	require.Equal(t, "<p>Guten Tag Jürgen Müßig</p>", html)
}

func checkHeader(t *testing.T, h netmail.Header) {
	t.Helper()
	var dec mime.WordDecoder
	subject, err := dec.DecodeHeader(h.Get("Subject"))
	require.NoError(t, err)
	require.Equal(t, umlautSubject, subject, "RFC 2047")
	_, err = h.Date()
	require.NoError(t, err)
	require.Equal(t, "<abc123@mv.example>", h.Get("Message-ID"))
	from, err := h.AddressList("From")
	require.NoError(t, err)
	require.Equal(t, "MV-Serviceportal", from[0].Name)
	to, err := h.AddressList("To")
	require.NoError(t, err)
	require.Equal(t, &netmail.Address{Name: "Jürgen Müßig", Address: "juergen@example.org"}, to[0])
	require.Equal(t, "1.0", h.Get("MIME-Version"))
	require.Equal(t, "auto-generated", h.Get("Auto-Submitted"))
}

func alternativeParts(t *testing.T, msg *netmail.Message) (text, html string) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	require.NoError(t, err)
	require.Equal(t, "multipart/alternative", mt)
	r := multipart.NewReader(msg.Body, params["boundary"])
	var bodies []string
	for _, want := range []string{"text/plain; charset=utf-8", "text/html; charset=utf-8"} {
		p, err := r.NextPart() // decodes quoted-printable
		require.NoError(t, err)
		require.Equal(t, want, p.Header.Get("Content-Type"))
		b, err := io.ReadAll(p)
		require.NoError(t, err)
		bodies = append(bodies, string(b))
	}
	return bodies[0], bodies[1]
}

func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

// Implicit TLS (port 465 style), text only: a single text/plain body.
func TestSMTPImplicitTLS(t *testing.T) {
	srvTLS, cliTLS := testCert(t)
	f := &fakeSMTP{t: t, tls: srvTLS, implicit: true}
	f.start()
	require.NoError(t, send(t, smtpConfig(f, mail.TLS, cliTLS), testMessage()))
	got := f.messages()
	require.Len(t, got, 1)
	require.True(t, got[0].TLS)
	msg, err := netmail.ReadMessage(strings.NewReader(got[0].Data))
	require.NoError(t, err)
	require.Equal(t, "text/plain; charset=utf-8", msg.Header.Get("Content-Type"))
	require.Equal(t, "quoted-printable", msg.Header.Get("Content-Transfer-Encoding"))
	body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	require.NoError(t, err)
	require.Equal(t, crlf(umlautText), string(body))
}

// A certificate the client does not trust ends the exchange before MAIL.
func TestSMTPUntrustedCertificate(t *testing.T) {
	srvTLS, _ := testCert(t)
	f := &fakeSMTP{t: t, tls: srvTLS, user: "portal", pass: "geheim"}
	f.start()
	err := send(t, smtpConfig(f, mail.StartTLS, nil), testMessage())
	require.ErrorContains(t, err, "certificate")
	require.Empty(t, f.messages())
	require.NotContains(t, f.commands(), "AUTH", "no credentials after a failed handshake")
}

// RFC 3207 §4: a client configured for STARTTLS does not fall back to
// plain text, and so never sends the password in the clear.
func TestSMTPStartTLSNotOffered(t *testing.T) {
	srvTLS, cliTLS := testCert(t)
	f := &fakeSMTP{t: t, tls: srvTLS, noTLS: true, user: "portal", pass: "geheim"}
	f.start()
	err := send(t, smtpConfig(f, mail.StartTLS, cliTLS), testMessage())
	require.ErrorContains(t, err, "STARTTLS")
	require.Empty(t, f.messages())
	require.NotContains(t, f.commands(), "AUTH")
}

// Security "none" is for a relay on localhost; AUTH works there too.
func TestSMTPNoneOnLocalhost(t *testing.T) {
	f := &fakeSMTP{t: t, user: "portal", pass: "geheim"}
	f.start()
	require.NoError(t, send(t, smtpConfig(f, mail.Plain, nil), testMessage()))
	got := f.messages()
	require.Len(t, got, 1)
	require.False(t, got[0].TLS)
	require.True(t, got[0].Authed)
}

func TestSMTPFailures(t *testing.T) {
	f := &fakeSMTP{t: t, user: "portal", pass: "geheim", rejectTo: "weg@example.org"}
	f.start()
	cfg := smtpConfig(f, mail.Plain, nil)

	m := testMessage()
	m.To = "weg@example.org"
	require.ErrorIs(t, send(t, cfg, m), mail.ErrPermanent, "550 to RCPT is permanent (RFC 5321 §4.2.1)")

	cfg.Password = "falsch"
	err := send(t, cfg, testMessage())
	require.ErrorContains(t, err, "AUTH")
	require.NotErrorIs(t, err, mail.ErrPermanent, "a wrong password is fixed by the operator; keep retrying")
	require.NotContains(t, err.Error(), "falsch", "the password is never in an error")

	f.stop()
	err = send(t, smtpConfig(f, mail.Plain, nil), testMessage())
	require.ErrorContains(t, err, "connect")
	require.NotErrorIs(t, err, mail.ErrPermanent, "a server that is down is retried")
	require.Empty(t, f.messages())
}

// Once the server has accepted the data, the mail is its responsibility:
// a connection lost before QUIT is no reason to send it again.
func TestSMTPHangUpAfterAcceptIsSuccess(t *testing.T) {
	f := &fakeSMTP{t: t, hangUp: true}
	f.start()
	require.NoError(t, send(t, smtpConfig(f, mail.Plain, nil), testMessage()))
	require.Len(t, f.messages(), 1)
}

func TestNewSMTPSenderChecksConfig(t *testing.T) {
	good := mail.SMTPConfig{Host: "mail.example", Port: 587, Security: mail.StartTLS, From: "noreply@mv.example"}
	_, err := mail.NewSMTPSender(good)
	require.NoError(t, err)
	for name, mutate := range map[string]func(*mail.SMTPConfig){
		"no host":      func(c *mail.SMTPConfig) { c.Host = "" },
		"bad from":     func(c *mail.SMTPConfig) { c.From = "kaputt" },
		"bad security": func(c *mail.SMTPConfig) { c.Security = "ssl" },
	} {
		t.Run(name, func(t *testing.T) {
			c := good
			mutate(&c)
			_, err := mail.NewSMTPSender(c)
			require.Error(t, err)
		})
	}
}
