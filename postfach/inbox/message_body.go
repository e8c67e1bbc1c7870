package inbox

import (
	"html/template"
	"regexp"
	"strconv"
	"strings"
)

// blankLines separate the blocks (paragraphs, lists) of a text.
var blankLines = regexp.MustCompile(`\n[ \t]*\n\s*`)

// renderBody renders a message body in the small safe markup subset the
// sender API accepts: a blank line separates paragraphs, a single
// newline is a line break; a block whose every line starts with "- " or
// "* " is a bulleted list, one numbered "1. ", "2. " … a numbered list;
// within a line **strong** and bare https:// links (markup.go).
// Anything else stays text. Every piece of the sender's text goes
// through template.HTMLEscapeString; only the tags written here are HTML.
func renderBody(body string) template.HTML { return render(body, true) }

// renderPlain renders what the citizen wrote (a reply): paragraphs and
// line breaks only, every line escaped.
func renderPlain(text string) template.HTML { return render(text, false) }

func render(text string, markup bool) template.HTML {
	var b strings.Builder
	for i, block := range blocks(text) {
		if i > 0 {
			b.WriteByte('\n')
		}
		lines := strings.Split(block, "\n")
		if items, tag := listItems(lines); markup && items != nil {
			writeList(&b, tag, items)
			continue
		}
		b.WriteString(`<p class="kern-body">`)
		for j, line := range lines {
			if j > 0 {
				b.WriteString("<br>")
			}
			writeLine(&b, line, markup)
		}
		b.WriteString("</p>")
	}
	return template.HTML(b.String()) // assembled from escaped pieces only
}

// blocks splits text at its blank lines; nil when there is no text.
func blocks(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r", "\n"))
	if text == "" {
		return nil
	}
	return blankLines.Split(text, -1)
}

// listItems are the items of a block that is a list, with the list's
// tag: "ul" when every line starts with "- " or "* ", "ol" when they
// start with "1. ", "2. " … in order. nil when the block is no list.
func listItems(lines []string) ([]string, string) {
	items := make([]string, len(lines))
	bulleted, numbered := true, true
	for i, line := range lines {
		if rest, ok := cutBullet(line); ok && bulleted {
			items[i] = rest
		} else {
			bulleted = false
		}
		if rest, ok := strings.CutPrefix(line, strconv.Itoa(i+1)+". "); ok && numbered {
			items[i] = rest
		} else {
			numbered = false
		}
	}
	switch {
	case bulleted:
		return items, "ul"
	case numbered:
		return items, "ol"
	}
	return nil, ""
}

func cutBullet(line string) (string, bool) {
	if rest, ok := strings.CutPrefix(line, "- "); ok {
		return rest, true
	}
	return strings.CutPrefix(line, "* ")
}

func writeList(b *strings.Builder, tag string, items []string) {
	b.WriteString("<" + tag + ` class="kern-list">`)
	for _, item := range items {
		b.WriteString("\n<li>")
		writeLine(b, item, true)
		b.WriteString("</li>")
	}
	b.WriteString("\n</" + tag + ">")
}
