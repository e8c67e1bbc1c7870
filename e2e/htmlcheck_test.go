package e2e

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// doc wraps body in a valid document; the cases below break one rule each.
func doc(body string) string {
	return "<!DOCTYPE html>\n<html lang=\"de\">\n<head><meta charset=\"utf-8\"><title>Start – MV</title></head>\n" +
		"<body>\n<a href=\"#inhalt\">Zum Inhalt</a>\n<main id=\"inhalt\">\n" + body + "\n</main>\n</body>\n</html>\n"
}

func TestCheckHTMLAcceptsValidPages(t *testing.T) {
	cases := map[string]string{
		"plain":             doc("<p>Hallo</p>"),
		"label for":         doc(`<label for="n">Name</label><input id="n" name="n" aria-describedby="h e"><p id="h">Hilfe</p><p id="e">Fehler</p>`),
		"optional end":      doc("<ul><li>a<li>b</ul><p>eins<p>zwei<table><tr><td>1<td>2<tr><td>3</table>"),
		"p closed by div":   doc("<p>Text<div>Block</div>"),
		"void elements":     doc(`<br><img src="a.png" alt=""><input type="text" name="q" aria-label="Suche"><hr>`),
		"svg self-closing":  doc(`<svg viewBox="0 0 1 1" aria-hidden="true"><path d="M0 0"/></svg>`),
		"href top":          doc(`<a href="#top">Nach oben</a>`),
		"uppercase doctype": strings.Replace(doc("<p>x</p>"), "<!DOCTYPE html>", "<!doctype HTML>", 1),
		"quoted values":     doc(`<p title="class=a class='b'" class="x" data-y='p title=1'>x</p>`),
		"comment first":     "<!-- mvnk -->\n" + doc("<p>x</p>"),
		"script and style":  doc(`<script src="/a.js"></script><template><p>t</p></template>`),
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			r := CheckHTML([]byte(src))
			require.Empty(t, r.Problems)
			require.Equal(t, "de", r.Lang)
			require.Equal(t, "Start – MV", r.Title)
		})
	}
}

func TestCheckHTMLFindsErrors(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"no doctype", strings.Replace(doc("x"), "<!DOCTYPE html>", "", 1), "no <!DOCTYPE html>"},
		{"doctype late", strings.Replace(doc("x"), "<!DOCTYPE html>\n<html", "<html><!DOCTYPE html>", 1), "must come first"},
		{"legacy doctype", strings.Replace(doc("x"), "<!DOCTYPE html>", `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN">`, 1), "must be <!DOCTYPE html>"},
		{"two titles", strings.Replace(doc("x"), "</head>", "<title>Zwei</title></head>", 1), "exactly one <title>, found 2"},
		{"no title", strings.Replace(doc("x"), "<title>Start – MV</title>", "", 1), "exactly one <title>, found 0"},
		{"empty title", strings.Replace(doc("x"), "Start – MV", " ", 1), "<title> is empty"},
		{"two mains", doc("<main>zwei</main>"), "exactly one <main>, found 2"},
		{"duplicate id", doc(`<p id="inhalt">x</p>`), `id is already used on line 6`},
		{"empty id", doc(`<p id="">x</p>`), "must be non-empty"},
		{"duplicate attribute", doc(`<input name="a" name="b" aria-label="x">`), `attribute "name" twice`},
		{"label for missing", doc(`<label for="nirgends">x</label>`), `no element has id "nirgends"`},
		{"describedby missing", doc(`<input aria-label="x" aria-describedby="inhalt fehlt">`), `no element has id "fehlt"`},
		{"labelledby missing", doc(`<nav aria-labelledby="h">x</nav>`), `no element has id "h"`},
		{"skip link missing", strings.Replace(doc("x"), `<main id="inhalt">`, "<main>", 1), `no element has id "inhalt"`},
		{"mismatched end tag", doc("<div><span>x</div></span>"), "</div> closes <div> from line 7, but <span> from line 7 is still open"},
		{"stray end tag", doc("x</section>"), "</section> without an open <section>"},
		{"unclosed in main", doc("<div>x"), "<div> from line 7 is still open"},
		{"unclosed at end", "<!DOCTYPE html><html lang=de><title>x</title><main><div>x", "<div> is never closed"},
		{"duplicate attribute, other case", doc(`<p CLASS="a" data-x='1' class=b>x</p>`), `attribute "class" twice`},
		{"void end tag", doc("x<br></br>"), "void elements have no end tag"},
		{"self-closing div", doc("<div/>x</div>"), "only void elements may self-close"},
		{"div in p", doc("<p><span><div>x</div></span></p>"), "<div> inside <p>"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range CheckHTML([]byte(tc.src)).Problems {
				got = append(got, p.String())
			}
			require.NotEmpty(t, got, "the checker must flag it")
			require.Contains(t, strings.Join(got, "\n"), tc.want)
		})
	}
}
