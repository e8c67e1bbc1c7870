package inbox

import (
	"html/template"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const kernLink = `<a class="kern-link" href="`

// link is the markup of a link to u (u without & or quotes).
func link(u string) string { return kernLink + u + `" rel="noopener noreferrer">` + u + "</a>" }

// The body's markup subset becomes exactly these tags; everything else,
// hostile or not, is escaped text.
func TestRenderBody(t *testing.T) {
	long := "https://x.de/" + strings.Repeat("a", maxURL-len("https://x.de/"))
	for _, tc := range []struct{ name, in, want string }{
		{"empty", " \r\n ", ""},
		{"paragraphs and breaks", "Sehr geehrte Frau Mustermann,\r\n\r\nZeile eins\nZeile zwei\n \n\nEnde",
			`<p class="kern-body">Sehr geehrte Frau Mustermann,</p>` + "\n" +
				`<p class="kern-body">Zeile eins<br>Zeile zwei</p>` + "\n" + `<p class="kern-body">Ende</p>`},
		{"bullets", "Bitte senden Sie:\n\n- den Mietvertrag\n* die **Meldebescheinigung**",
			`<p class="kern-body">Bitte senden Sie:</p>` + "\n" + `<ul class="kern-list">` + "\n<li>den Mietvertrag</li>\n" +
				"<li>die <strong>Meldebescheinigung</strong></li>\n</ul>"},
		{"numbered", "1. Antrag\n2. Nachweis\n3. Gebühr",
			`<ol class="kern-list">` + "\n<li>Antrag</li>\n<li>Nachweis</li>\n<li>Gebühr</li>\n</ol>"},
		{"a block with one line not a bullet is a paragraph", "- eins\nzwei",
			`<p class="kern-body">- eins<br>zwei</p>`},
		{"numbers out of order are text", "1. eins\n3. drei", `<p class="kern-body">1. eins<br>3. drei</p>`},
		{"dash without space is text", "-eins\n-zwei", `<p class="kern-body">-eins<br>-zwei</p>`},
		{"strong", "Frist: **14. April 2026** und **sofort**",
			`<p class="kern-body">Frist: <strong>14. April 2026</strong> und <strong>sofort</strong></p>`},
		{"unbalanced stars stay", "**offen\nzu** und **a",
			`<p class="kern-body">**offen<br>zu** und **a</p>`},
		{"empty strong stays", "**** ** **", `<p class="kern-body">**** ** **</p>`},
		{"stars next to spaces stay", "2 ** 3 ** 4 und ** a **", `<p class="kern-body">2 ** 3 ** 4 und ** a **</p>`},
		{"no nesting", "**a **b** c**", `<p class="kern-body"><strong>a **b</strong> c**</p>`},
		{"stars around stars", "***a*** **b***", `<p class="kern-body"><strong>*a</strong>* <strong>b</strong>*</p>`},
		{"script", "<script>alert(1)</script>\n<b>fett</b> & <i>",
			`<p class="kern-body">&lt;script&gt;alert(1)&lt;/script&gt;<br>&lt;b&gt;fett&lt;/b&gt; &amp; &lt;i&gt;</p>`},
		{"tags inside strong", "**<b>**", `<p class="kern-body"><strong>&lt;b&gt;</strong></p>`},
		{"strong with a link is text", "**https://x.de**", `<p class="kern-body"><strong>https://x.de</strong></p>`},
		{"link", "Siehe https://www.bund.de/formular?id=1&x=2#teil.",
			`<p class="kern-body">Siehe ` + kernLink + `https://www.bund.de/formular?id=1&amp;x=2#teil" rel="noopener noreferrer">` +
				`https://www.bund.de/formular?id=1&amp;x=2#teil</a>.</p>`},
		{"trailing punctuation", "(https://x.de/a), https://x.de/b?! https://x.de/c;:",
			`<p class="kern-body">(` + link("https://x.de/a") + `), ` + link("https://x.de/b") + `?! ` + link("https://x.de/c") + `;:</p>`},
		{"link in a list", "- https://x.de/antrag", `<ul class="kern-list">` + "\n<li>" + link("https://x.de/antrag") + "</li>\n</ul>"},
		{"umlaut host", "https://bürgeramt.de/straße", `<p class="kern-body">` + link("https://bürgeramt.de/straße") + `</p>`},
		{"http is text", "http://x.de", `<p class="kern-body">http://x.de</p>`},
		{"javascript is text", "javascript:alert(1) JAVASCRIPT:alert(document.cookie)",
			`<p class="kern-body">javascript:alert(1) JAVASCRIPT:alert(document.cookie)</p>`},
		{"javascript after https", "https://javascript:alert(1)", `<p class="kern-body">https://javascript:alert(1)</p>`},
		{"credentials", "https://user:pw@x.de/ https://user@x.de https://@x.de",
			`<p class="kern-body">https://user:pw@x.de/ https://user@x.de https://@x.de</p>`},
		{"no host", "https:// https:///pfad", `<p class="kern-body">https:// https:///pfad</p>`},
		{"inside a word", "xhttps://x.de", `<p class="kern-body">xhttps://x.de</p>`},
		{"attribute breakout", `https://x"onmouseover=alert(1) https://x'onfocus=y https://x<script>`,
			`<p class="kern-body">` + link("https://x") + `&#34;onmouseover=alert(1) ` + link("https://x") +
				`&#39;onfocus=y ` + link("https://x") + `&lt;script&gt;</p>`},
		{"longest url", long, `<p class="kern-body">` + link(long) + `</p>`},
		{"too long url", long + "a", `<p class="kern-body">` + long + `a</p>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, template.HTML(tc.want), renderBody(tc.in))
		})
	}
}

// A reply is paragraphs and line breaks; the subset stays text.
func TestRenderPlain(t *testing.T) {
	in := "- eins\n**zwei** https://x.de\n\n<b>drei</b>"
	require.Equal(t, template.HTML(`<p class="kern-body">- eins<br>**zwei** https://x.de</p>`+"\n"+
		`<p class="kern-body">&lt;b&gt;drei&lt;/b&gt;</p>`), renderPlain(in))
}
