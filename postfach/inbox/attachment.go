package inbox

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"mvnk/postfach"
)

// download sends an attachment, only at the message's level; below it
// the placeholder page answers 403 with the step-up. Downloading is a
// retrieval of the message as much as opening it.
func (ib *Inbox) download(w http.ResponseWriter, r *http.Request, rd Reader) {
	ctx, id := r.Context(), r.PathValue("id")
	m, _, err := ib.Store.MarkRetrieved(ctx, rd.AccountID, id, rd.Level)
	if errors.Is(err, postfach.ErrLevelTooLow) {
		ib.locked(w, r, m, http.StatusForbidden)
		return
	}
	if err != nil {
		ib.fail(w, r, err)
		return
	}
	a, err := ib.Store.Attachment(ctx, rd.AccountID, id, r.PathValue("att"))
	if err != nil {
		ib.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.MediaType)
	h.Set("Content-Disposition", contentDisposition(a.Filename))
	h.Set("Content-Length", strconv.Itoa(len(a.Content)))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	// Opened in the browser after all, the file runs nothing of ours.
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	_, _ = w.Write(a.Content)
}

// contentDisposition names the file for saving (RFC 6266 §4.3): an ASCII
// fallback for old clients and the exact name as filename* (RFC 8187).
func contentDisposition(name string) string {
	return `attachment; filename="` + asciiName(name) + `"; filename*=UTF-8''` + encodeRFC8187(name)
}

// asciiName replaces what cannot stand in a quoted ASCII filename.
func asciiName(name string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, name)
}

// encodeRFC8187 percent-encodes every byte that is not an attr-char
// (RFC 8187 §3.2.1).
func encodeRFC8187(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isAttrChar(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func isAttrChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$&+-.^_`|~", c) >= 0
}
