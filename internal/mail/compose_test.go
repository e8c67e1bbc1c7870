package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/internal/mail"
)

// The wire form: CRLF only (RFC 5322 §2.1), 7-bit octets, no line over
// 998 octets (§2.1.1), body lines within 76 (RFC 2045 §6.7).
func TestComposeWireForm(t *testing.T) {
	m := testMessage()
	m.HTML = "<p>" + strings.Repeat("Ä", 200) + "</p>"
	raw, err := mail.Compose(m, "MV-Serviceportal <noreply@mv.example>", time.Now())
	require.NoError(t, err)
	s := string(raw)
	require.NotContains(t, strings.ReplaceAll(s, "\r\n", ""), "\n", "bare LF")
	require.NotContains(t, strings.ReplaceAll(s, "\r\n", ""), "\r", "bare CR")
	for i := range len(s) {
		require.Less(t, s[i], byte(0x80), "8-bit octet at %d", i)
	}
	head, body, ok := strings.Cut(s, "\r\n\r\n")
	require.True(t, ok)
	for _, line := range strings.Split(head, "\r\n") {
		require.LessOrEqual(t, len(line), 998)
	}
	for _, line := range strings.Split(body, "\r\n") {
		require.LessOrEqual(t, len(line), 76, "body line %q", line)
	}
	require.Contains(t, head, "?=\r\n =?utf-8?q?", "a long subject is folded between encoded-words")
}

// Header injection: a line break in a header value is refused before
// anything is stored or sent.
func TestHeaderInjectionRefused(t *testing.T) {
	cases := map[string]func(*mail.Message){
		"CRLF in To":         func(m *mail.Message) { m.To = "a@example.org\r\nBcc: opfer@example.org" },
		"LF in To":           func(m *mail.Message) { m.To = "a@example.org\nBcc: opfer@example.org" },
		"CRLF in Subject":    func(m *mail.Message) { m.Subject = "Hallo\r\nBcc: opfer@example.org" },
		"CR in Subject":      func(m *mail.Message) { m.Subject = "Hallo\rBcc: opfer@example.org" },
		"NUL in Subject":     func(m *mail.Message) { m.Subject = "Hallo\x00" },
		"LS in Subject":      func(m *mail.Message) { m.Subject = "Hallo\u2028Bcc: x" },
		"two recipients":     func(m *mail.Message) { m.To = "a@example.org, b@example.org" },
		"no address":         func(m *mail.Message) { m.To = "niemand" },
		"empty subject":      func(m *mail.Message) { m.Subject = "" },
		"long subject":       func(m *mail.Message) { m.Subject = strings.Repeat("ü", 251) },
		"empty text":         func(m *mail.Message) { m.Text = "" },
		"invalid UTF-8":      func(m *mail.Message) { m.Text = "\xff" },
		"line break in Kind": func(m *mail.Message) { m.Kind = "x\ny" },
	}
	for name, mutate := range cases {
		t.Run(name, func(t *testing.T) {
			m := testMessage()
			mutate(&m)
			require.ErrorIs(t, m.Validate(), mail.ErrPermanent)
			_, err := mail.Compose(m, "noreply@mv.example", time.Now())
			require.ErrorIs(t, err, mail.ErrPermanent)
			s, err := mail.NewSMTPSender(mail.SMTPConfig{Host: "127.0.0.1", Port: 1, Security: mail.Plain, From: "noreply@mv.example"})
			require.NoError(t, err)
			require.ErrorIs(t, s.Send(context.Background(), m), mail.ErrPermanent, "refused before dialling")
		})
	}
}

func TestPlainASCIISubjectStaysReadable(t *testing.T) {
	m := testMessage()
	m.Subject = "Your confirmation code"
	raw, err := mail.Compose(m, "noreply@mv.example", time.Now())
	require.NoError(t, err)
	require.Contains(t, string(raw), "\r\nSubject: Your confirmation code\r\n")
}
