package inbox

import (
	"html/template"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxURL is the longest sender URL that becomes a link.
const maxURL = 2000

// urlTrail is punctuation that ends a sentence, not a URL.
const urlTrail = ".,;:!?)"

var esc = template.HTMLEscapeString

// writeLine writes one line of text, escaped. With markup, **text** is
// <strong> and bare https:// URLs are links (not inside <strong>: no
// nesting). Stars that do not pair up on the line stay text.
func writeLine(b *strings.Builder, line string, markup bool) {
	if !markup {
		b.WriteString(esc(line))
		return
	}
	for {
		open, end := nextStrong(line)
		if open < 0 {
			break
		}
		writeLinks(b, line[:open])
		b.WriteString("<strong>" + esc(line[open+2:end]) + "</strong>")
		line = line[end+2:]
	}
	writeLinks(b, line)
}

// nextStrong finds the first **text** of line: an opening "**" before a
// non-space, closed by the next "**" after a non-space; -1 when none.
func nextStrong(line string) (open, end int) {
	for from := 0; ; from = open + 2 {
		i := strings.Index(line[from:], "**")
		if i < 0 {
			return -1, -1
		}
		open = from + i
		rest := line[open+2:]
		if r, _ := utf8.DecodeRuneInString(rest); rest == "" || unicode.IsSpace(r) {
			continue
		}
		c := closingStars(rest)
		if c < 0 {
			return -1, -1 // no later "**" closes either
		}
		return open, open + 2 + c
	}
}

// closingStars is the index of the first "**" in s after a non-space
// (never at 0: the text is not empty), or -1.
func closingStars(s string) int {
	for from := 1; from < len(s); {
		i := strings.Index(s[from:], "**")
		if i < 0 {
			return -1
		}
		c := from + i
		if r, _ := utf8.DecodeLastRuneInString(s[:c]); !unicode.IsSpace(r) {
			return c
		}
		from = c + 1
	}
	return -1
}

// writeLinks writes s escaped, with each bare https:// URL as a link.
func writeLinks(b *strings.Builder, s string) {
	for {
		i := nextURL(s)
		if i < 0 {
			break
		}
		b.WriteString(esc(s[:i]))
		u := strings.TrimRight(s[i:i+urlLen(s[i:])], urlTrail)
		if linkable(u) {
			b.WriteString(`<a class="kern-link" href="` + esc(u) + `" rel="noopener noreferrer">` + esc(u) + "</a>")
		} else {
			b.WriteString(esc(u))
		}
		s = s[i+len(u):]
	}
	b.WriteString(esc(s))
}

// nextURL is where the next "https://" starts that does not continue a
// word ("xhttps://" is text), or -1.
func nextURL(s string) int {
	for from := 0; ; {
		i := strings.Index(s[from:], "https://")
		if i < 0 {
			return -1
		}
		i += from
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if i == 0 || !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return i
		}
		from = i + len("https://")
	}
}

// urlLen is the length of the run of URL characters at the start of s:
// RFC 3986's unreserved, reserved (but ' and *) and %, and non-ASCII
// letters and digits (IRIs). Quotes, <, >, spaces and controls end it.
func urlLen(s string) int {
	for i, r := range s {
		ok := r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			strings.ContainsRune("-._~:/?#[]@!$&()+,;=%", r)) ||
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
		if !ok {
			return i
		}
	}
	return len(s)
}

// linkable: an https URL with a host, without credentials, at most
// maxURL long.
func linkable(s string) bool {
	if len(s) > maxURL {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Opaque == "" && u.User == nil && u.Hostname() != ""
}
