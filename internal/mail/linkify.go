package mail

import (
	"net/url"
	"regexp"
	"strings"
)

// segment is a piece of a line of mail text: plain text, or a link whose
// target is an absolute http(s) URL. The template escapes both; nothing
// here produces HTML.
type segment struct {
	Text string
	URL  string // "" = plain text
}

var (
	urlPattern = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"'` + "`" + `]+`)
	paraBreak  = regexp.MustCompile(`\n[ \t]*\n\s*`)
)

// paragraphs splits a text body into paragraphs (separated by blank
// lines) of lines of segments.
func paragraphs(text string) [][][]segment {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	var out [][][]segment
	for _, p := range paraBreak.Split(text, -1) {
		var lines [][]segment
		for _, line := range strings.Split(p, "\n") {
			lines = append(lines, linkify(line))
		}
		out = append(out, lines)
	}
	return out
}

// linkify finds the http(s) URLs in one line. Punctuation that ends a
// sentence is not part of a URL; a URL that does not parse stays text.
func linkify(line string) []segment {
	var segs []segment
	rest := line
	for {
		loc := urlPattern.FindStringIndex(rest)
		if loc == nil {
			return appendText(segs, rest)
		}
		raw := trimURL(rest[loc[0]:loc[1]])
		segs = appendText(segs, rest[:loc[0]])
		if u, err := url.Parse(raw); err == nil && u.Host != "" {
			segs = append(segs, segment{Text: raw, URL: u.String()})
		} else {
			segs = appendText(segs, raw)
		}
		rest = rest[loc[0]+len(raw):]
	}
}

// trimURL drops trailing sentence punctuation and a closing bracket that
// has no opening one inside the URL ("(siehe https://x.example/a)").
func trimURL(u string) string {
	for u != "" {
		last := u[len(u)-1]
		switch {
		case strings.IndexByte(".,;:!?", last) >= 0:
		case last == ')' && strings.Count(u, "(") < strings.Count(u, ")"):
		default:
			return u
		}
		u = u[:len(u)-1]
	}
	return u
}

func appendText(segs []segment, s string) []segment {
	if s == "" {
		return segs
	}
	return append(segs, segment{Text: s})
}
