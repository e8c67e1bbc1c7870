package portal_test

import (
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// pageFacts is what requireValidPage collected from one page.
type pageFacts struct {
	ids        map[string]bool
	references []string // ids named by for, aria-*by and in-page links
	tags       map[string]int
	labelled   map[string]bool // ids that a <label for> names
	controls   []string        // ids of visible inputs, textareas, selects
}

// requireValidPage checks what a validator and axe-core would check first:
// doctype, balanced tags, unique ids, every referenced id present, every
// form control labelled, landmarks, skip link, no inline script or style.
func requireValidPage(t *testing.T, body string) {
	t.Helper()
	require.True(t, strings.HasPrefix(body, "<!DOCTYPE html>"), "HTML5 doctype first")
	f := scanPage(t, body)
	for _, ref := range f.references {
		require.True(t, f.ids[ref], "reference to missing id %q", ref)
	}
	for _, id := range f.controls {
		require.True(t, f.labelled[id], "form control %q has no <label for>", id)
	}
	for _, landmark := range []string{"header", "main", "footer", "nav", "h1", "title"} {
		require.NotZero(t, f.tags[landmark], "page has no <%s>", landmark)
	}
	require.Equal(t, 1, f.tags["main"], "exactly one <main>")
	require.Equal(t, 1, f.tags["h1"], "exactly one <h1>")
	require.Zero(t, f.tags["script"], "no scripts (strict CSP)")
	require.Zero(t, f.tags["style"], "no <style> (strict CSP)")
	require.NotRegexp(t, regexp.MustCompile(`\sstyle=`), body, "no inline style attributes")
	require.NotRegexp(t, regexp.MustCompile(`\son[a-z]+=`), body, "no inline event handlers")
	require.Contains(t, body, `<a class="mvnk-skip-link" href="#inhalt">`, "skip link first")
}

func scanPage(t *testing.T, body string) pageFacts {
	t.Helper()
	f := pageFacts{ids: map[string]bool{}, tags: map[string]int{}, labelled: map[string]bool{}}
	z := html.NewTokenizer(strings.NewReader(body))
	var open []string
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			require.ErrorIs(t, z.Err(), io.EOF)
			require.Empty(t, open, "unclosed elements")
			return f
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			f.tags[tok.Data]++
			f.collect(t, tok)
			if tt == html.StartTagToken && !voidElements[tok.Data] {
				open = append(open, tok.Data)
			}
		case html.EndTagToken:
			tok := z.Token()
			require.NotEmpty(t, open, "stray </%s>", tok.Data)
			require.Equal(t, open[len(open)-1], tok.Data, "mismatched end tag")
			open = open[:len(open)-1]
		}
	}
}

func (f *pageFacts) collect(t *testing.T, tok html.Token) {
	attrs := map[string]string{}
	for _, a := range tok.Attr {
		attrs[a.Key] = a.Val
	}
	if id, ok := attrs["id"]; ok {
		require.False(t, f.ids[id], "duplicate id %q", id)
		f.ids[id] = true
	}
	for _, key := range []string{"aria-describedby", "aria-labelledby"} {
		f.references = append(f.references, strings.Fields(attrs[key])...)
	}
	if href := attrs["href"]; strings.HasPrefix(href, "#") {
		f.references = append(f.references, href[1:])
	}
	if tok.Data == "label" && attrs["for"] != "" {
		f.labelled[attrs["for"]] = true
		f.references = append(f.references, attrs["for"])
	}
	control := tok.Data == "textarea" || tok.Data == "select" || (tok.Data == "input" && attrs["type"] != "hidden")
	if control {
		f.controls = append(f.controls, attrs["id"])
	}
}
