package e2e

import (
	"slices"

	"golang.org/x/net/html"
)

type openTag struct {
	name string
	line int
}

// voidElements have no end tag (HTML §13.1.2).
var voidElements = set("area", "base", "br", "col", "embed", "hr", "img", "input",
	"link", "meta", "source", "track", "wbr")

// optionalEnd are the elements whose end tag may be left out (HTML
// §13.1.2.4); the checker closes them implicitly, as a parser does.
var optionalEnd = set("html", "head", "body", "p", "li", "dt", "dd", "option",
	"optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "rt", "rp")

// closesP are the start tags that end an open <p> (HTML §13.1.2.4).
var closesP = set("address", "article", "aside", "blockquote", "details", "div",
	"dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
	"h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p",
	"pre", "section", "table", "ul")

// siblings: a start tag of the key ends an open element of the value.
var siblings = map[string][]string{
	"li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "option": {"option"},
	"optgroup": {"option", "optgroup"}, "tr": {"td", "th", "tr"},
	"td": {"td", "th"}, "th": {"td", "th"},
}

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

func (c *checker) start(t html.Token, line int) {
	switch t.Data {
	case "title":
		c.titles++
		c.inTitle = t.Type == html.StartTagToken
	case "main":
		c.mains++
	}
	if c.foreign > 0 && t.Type == html.SelfClosingTagToken {
		return // <path/> in SVG and MathML is fine
	}
	if t.Type == html.SelfClosingTagToken && !voidElements[t.Data] {
		c.problem(line, "<%s/>: only void elements may self-close; this one stays open", t.Data)
	}
	c.implicitClose(t.Data, line)
	if voidElements[t.Data] {
		return
	}
	if t.Data == "svg" || t.Data == "math" {
		c.foreign++
	}
	c.stack = append(c.stack, openTag{t.Data, line})
}

// implicitClose ends the open elements that a start tag ends by itself;
// a <div> inside a <p> that is not the innermost element is an error.
func (c *checker) implicitClose(name string, line int) {
	for len(c.stack) > 0 {
		top := c.stack[len(c.stack)-1].name
		if !(top == "p" && closesP[name]) && !slices.Contains(siblings[name], top) {
			break
		}
		c.pop()
	}
	if closesP[name] && c.open("p") >= 0 {
		c.problem(line, "<%s> inside <p> (line %d): a paragraph holds phrasing content only",
			name, c.stack[c.open("p")].line)
	}
}

func (c *checker) end(name string, line int) {
	if name == "title" {
		c.inTitle = false
	}
	if voidElements[name] {
		c.problem(line, "</%s>: void elements have no end tag", name)
		return
	}
	at := c.open(name)
	if at < 0 {
		c.problem(line, "</%s> without an open <%s>", name, name)
		return
	}
	for _, o := range c.stack[at+1:] {
		if !optionalEnd[o.name] {
			c.problem(line, "</%s> closes <%s> from line %d, but <%s> from line %d is still open",
				name, name, c.stack[at].line, o.name, o.line)
			break
		}
	}
	for len(c.stack) > at {
		c.pop()
	}
}

// open returns the stack index of the innermost open element name, or -1.
func (c *checker) open(name string) int {
	for i := len(c.stack) - 1; i >= 0; i-- {
		if c.stack[i].name == name {
			return i
		}
	}
	return -1
}

func (c *checker) pop() {
	if top := c.stack[len(c.stack)-1]; top.name == "svg" || top.name == "math" {
		c.foreign--
	}
	c.stack = c.stack[:len(c.stack)-1]
}

func (c *checker) unclosed() {
	for _, o := range c.stack {
		if !optionalEnd[o.name] {
			c.problem(o.line, "<%s> is never closed", o.name)
		}
	}
}
