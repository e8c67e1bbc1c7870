package mail

import (
	"bytes"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"

	"mvnk/store"
)

// compose renders m as an RFC 5322 message from the mailbox from, with
// CRLF line endings and only 7-bit octets: header fields are encoded per
// RFC 2047, bodies are quoted-printable UTF-8 (RFC 2045 §6.7).
func compose(m Message, from *mail.Address, now time.Time) ([]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	to, _ := mail.ParseAddress(m.To) // Validate checked it
	var b bytes.Buffer
	header(&b, "Date", now.Format(time.RFC1123Z)) // RFC 5322 §3.3
	header(&b, "From", from.String())             // Address.String encodes the name (RFC 2047)
	header(&b, "To", to.String())
	header(&b, "Subject", encodeSubject(m.Subject))
	header(&b, "Message-ID", messageID(m.ID, from.Address)) // RFC 5322 §3.6.4
	header(&b, "Auto-Submitted", "auto-generated")          // RFC 3834 §5: no auto-replies, please
	header(&b, "MIME-Version", "1.0")                       // RFC 2045 §4
	var err error
	if m.HTML == "" {
		err = single(&b, m.Text)
	} else {
		err = alternative(&b, m.Text, m.HTML)
	}
	return b.Bytes(), err
}

func header(b *bytes.Buffer, name, value string) {
	fmt.Fprintf(b, "%s: %s\r\n", name, value)
}

// encodeSubject uses RFC 2047 Q encoding where needed. The encoder puts
// encoded-words side by side, each at most 75 characters (§2); folding
// between them keeps lines short (RFC 5322 §2.2.3), and the whitespace
// between two encoded-words is not part of the text (RFC 2047 §6.2).
func encodeSubject(s string) string {
	return strings.ReplaceAll(mime.QEncoding.Encode("utf-8", s), "?= =?", "?=\r\n =?")
}

// messageID is "<id@domain>" with the domain of the sender. The outbox id
// keeps it the same when a delivery is retried.
func messageID(id, fromAddr string) string {
	domain := fromAddr[strings.LastIndexByte(fromAddr, '@')+1:]
	if id == "" {
		id = store.NewID()
	}
	return "<" + id + "@" + domain + ">"
}

// single writes a text/plain body with its content header fields.
func single(b *bytes.Buffer, text string) error {
	header(b, "Content-Type", "text/plain; charset=utf-8")
	header(b, "Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	return encodeQP(b, text)
}

// alternative writes a multipart/alternative body (RFC 2046 §5.1.4): the
// plain text first, the preferred HTML last.
func alternative(b *bytes.Buffer, text, html string) error {
	w := multipart.NewWriter(b) // writes CRLF delimiters (RFC 2046 §5.1.1)
	header(b, "Content-Type", mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": w.Boundary()}))
	b.WriteString("\r\n")
	if err := part(w, "text/plain", text); err != nil {
		return err
	}
	if err := part(w, "text/html", html); err != nil {
		return err
	}
	return w.Close()
}

// part writes one quoted-printable UTF-8 body part.
func part(w *multipart.Writer, mediaType, body string) error {
	h := textproto.MIMEHeader{}
	h.Set("Content-Type", mediaType+"; charset=utf-8")
	h.Set("Content-Transfer-Encoding", "quoted-printable")
	pw, err := w.CreatePart(h)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := encodeQP(&b, body); err != nil {
		return err
	}
	_, err = pw.Write(b.Bytes())
	return err
}

// encodeQP writes body quoted-printable (RFC 2045 §6.7): the writer turns
// every line break into CRLF and keeps lines within 76 characters.
func encodeQP(b *bytes.Buffer, body string) error {
	qp := quotedprintable.NewWriter(b)
	if _, err := qp.Write([]byte(body)); err != nil {
		return err
	}
	return qp.Close()
}
