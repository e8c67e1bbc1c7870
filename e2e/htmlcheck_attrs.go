package e2e

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// idRefAttrs are the attributes whose value is a list of ids of elements
// in the same document (HTML §4.10, WAI-ARIA 1.2 §6.2 ID reference lists).
var idRefAttrs = map[string]bool{
	"for": true, "form": true, "list": true, "headers": true,
	"aria-describedby": true, "aria-labelledby": true, "aria-controls": true,
	"aria-errormessage": true, "aria-owns": true, "aria-details": true,
	"aria-activedescendant": true,
}

type idRef struct {
	line       int
	attr, id   string
	tag, value string
}

// attrs checks the attributes of a start tag and records ids, id
// references and <html lang>.
func (c *checker) attrs(t html.Token, line int) {
	for _, a := range t.Attr {
		switch {
		case a.Key == "id":
			c.id(t.Data, a.Val, line)
		case idRefAttrs[a.Key]:
			for _, id := range strings.Fields(a.Val) {
				c.refs = append(c.refs, idRef{line, a.Key, id, t.Data, a.Val})
			}
		case a.Key == "href" && strings.HasPrefix(a.Val, "#") && len(a.Val) > 1:
			c.fragment(t.Data, a.Val, line)
		case a.Key == "lang" && t.Data == "html":
			c.report.Lang = a.Val
		}
	}
}

// duplicateAttrs reads the attribute names from the raw start tag, as the
// tokenizer keeps only the first of duplicates (HTML §13.2.5.33 makes the
// duplicate a parse error and drops it).
func (c *checker) duplicateAttrs(tag string, raw []byte, line int) {
	seen := map[string]bool{}
	for _, name := range rawAttrNames(raw) {
		if seen[name] {
			c.problem(line, "<%s> has the attribute %q twice", tag, name)
		}
		seen[name] = true
	}
}

// rawAttrNames returns the lower-cased attribute names of a raw start tag
// such as `<input name="a" NAME=b disabled>`.
func rawAttrNames(raw []byte) []string {
	s := strings.TrimRight(strings.TrimPrefix(string(raw), "<"), ">")
	i := strings.IndexAny(s, " \t\n\f\r/")
	if i < 0 {
		return nil
	}
	var names []string
	for s = s[i:]; ; {
		s = strings.TrimLeft(s, " \t\n\f\r/")
		end := strings.IndexAny(s, " \t\n\f\r/=")
		if s == "" || end == 0 {
			return names
		}
		if end < 0 {
			end = len(s)
		}
		names = append(names, strings.ToLower(s[:end]))
		s = skipAttrValue(strings.TrimLeft(s[end:], " \t\n\f\r"))
	}
}

// skipAttrValue skips `="…"`, `='…'` or `=…` at the start of s.
func skipAttrValue(s string) string {
	if !strings.HasPrefix(s, "=") {
		return s
	}
	s = strings.TrimLeft(s[1:], " \t\n\f\r")
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		if end := strings.IndexByte(s[1:], s[0]); end >= 0 {
			return s[end+2:]
		}
		return ""
	}
	if end := strings.IndexAny(s, " \t\n\f\r"); end >= 0 {
		return s[end:]
	}
	return ""
}

func (c *checker) id(tag, id string, line int) {
	switch {
	case id == "" || strings.ContainsAny(id, " \t\n\f\r"):
		c.problem(line, "<%s id=%q>: an id must be non-empty and contain no spaces", tag, id)
	case c.ids[id] != 0:
		c.problem(line, "<%s id=%q>: the id is already used on line %d", tag, id, c.ids[id])
	default:
		c.ids[id] = line
	}
}

// fragment records href="#x" as a reference to id x; "#top" needs no
// element (HTML §7.4.6.4).
func (c *checker) fragment(tag, href string, line int) {
	id, err := url.PathUnescape(href[1:])
	if err != nil {
		c.problem(line, "<%s href=%q>: bad fragment: %v", tag, href, err)
		return
	}
	if !strings.EqualFold(id, "top") {
		c.refs = append(c.refs, idRef{line, "href", id, tag, href})
	}
}

func (c *checker) resolveRefs() {
	for _, r := range c.refs {
		if c.ids[r.id] == 0 {
			c.problem(r.line, "<%s %s=%q>: no element has id %q", r.tag, r.attr, r.value, r.id)
		}
	}
}
