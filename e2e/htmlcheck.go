package e2e

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
)

// HTMLReport is what CheckHTML found in a document.
type HTMLReport struct {
	Lang     string // the lang attribute of <html>
	Title    string // the text of <title>, spaces collapsed
	Problems []Problem
}

// Problem is one validity error, with the line it starts on.
type Problem struct {
	Line int
	Msg  string
}

func (p Problem) String() string { return fmt.Sprintf("line %d: %s", p.Line, p.Msg) }

// CheckHTML checks the rules of HTML our pages must keep and a validator
// would flag: <!DOCTYPE html> first, one <title>, one <main>, unique ids,
// no duplicate attributes, id references that resolve, and balanced tags.
// It is a tokenizer-level check, not a full WHATWG validator.
func CheckHTML(src []byte) HTMLReport {
	c := &checker{line: 1, ids: map[string]int{}}
	z := html.NewTokenizer(bytes.NewReader(src))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if err := z.Err(); !errors.Is(err, io.EOF) {
				c.problem(c.line, "tokenizer: %v", err)
			}
			break
		}
		raw := bytes.Clone(z.Raw())
		line := c.line
		c.line += bytes.Count(raw, []byte("\n"))
		c.token(z.Token(), raw, line)
	}
	c.finish()
	return c.report
}

type checker struct {
	line    int
	doctype bool
	content bool // something other than a comment or spaces came before
	titles  int
	mains   int
	inTitle bool
	title   strings.Builder
	foreign int            // depth inside <svg> or <math>
	ids     map[string]int // id → line
	refs    []idRef
	stack   []openTag
	report  HTMLReport
}

func (c *checker) problem(line int, format string, args ...any) {
	c.report.Problems = append(c.report.Problems, Problem{line, fmt.Sprintf(format, args...)})
}

func (c *checker) token(t html.Token, raw []byte, line int) {
	switch t.Type {
	case html.DoctypeToken:
		c.doctypeToken(t, line)
	case html.TextToken:
		if c.inTitle {
			c.title.WriteString(t.Data)
		}
		if strings.TrimSpace(t.Data) != "" {
			c.before(line, "text")
		}
	case html.StartTagToken, html.SelfClosingTagToken:
		c.before(line, "<"+t.Data+">")
		c.duplicateAttrs(t.Data, raw, line)
		c.attrs(t, line)
		c.start(t, line)
	case html.EndTagToken:
		c.end(t.Data, line)
	}
}

func (c *checker) doctypeToken(t html.Token, line int) {
	switch {
	case c.doctype || c.content:
		c.problem(line, "<!DOCTYPE> must come first, and only once")
	case !strings.EqualFold(strings.TrimSpace(t.Data), "html"):
		c.problem(line, "doctype must be <!DOCTYPE html>, got <!DOCTYPE %s>", t.Data)
	}
	c.doctype = true
}

// before reports content that comes before the doctype, once.
func (c *checker) before(line int, what string) {
	if !c.doctype && !c.content {
		c.problem(line, "%s before <!DOCTYPE html>", what)
	}
	c.content = true
}

func (c *checker) finish() {
	if !c.doctype {
		c.problem(c.line, "no <!DOCTYPE html>")
	}
	c.unclosed()
	c.resolveRefs()
	c.report.Title = strings.Join(strings.Fields(c.title.String()), " ")
	if c.titles != 1 {
		c.problem(c.line, "want exactly one <title>, found %d", c.titles)
	} else if c.report.Title == "" {
		c.problem(c.line, "<title> is empty")
	}
	if c.mains != 1 {
		c.problem(c.line, "want exactly one <main>, found %d", c.mains)
	}
}
