package postfach_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/postfach"
)

func TestValidate(t *testing.T) {
	big := make([]byte, postfach.MaxAttachmentSize+1)
	for _, tc := range []struct {
		name, field, code string
		edit              func(m *postfach.Message)
	}{
		{"unknown kind", "kind", postfach.CodeUnknownKind, func(m *postfach.Message) { m.Kind = "Werbung" }},
		{"level 0", "required_level", postfach.CodeLevelRange, func(m *postfach.Message) { m.RequiredLevel = 0 }},
		{"level 5", "required_level", postfach.CodeLevelRange, func(m *postfach.Message) { m.RequiredLevel = 5 }},
		{"subject empty", "subject", postfach.CodeRequired, func(m *postfach.Message) { m.Subject = " " }},
		{"subject long", "subject", postfach.CodeTooLong, func(m *postfach.Message) { m.Subject = strings.Repeat("ä", 256) }},
		{"body long", "body", postfach.CodeTooLong, func(m *postfach.Message) { m.Body = strings.Repeat("x", 100_001) }},
		{"leika", "leika_id", postfach.CodeLeikaFormat, func(m *postfach.Message) { m.LeikaID = "urn:de:fim:leika:leistung:abc" }},
		{"rule on Nachricht", "bekanntgabe_rule", postfach.CodeRuleForKind, func(m *postfach.Message) { m.Kind, m.Rule = postfach.Nachricht, postfach.RuleOZG9 }},
		{"unknown rule", "bekanntgabe_rule", postfach.CodeUnknownRule, func(m *postfach.Message) { m.Rule = "bayern" }},
		{"too many", "attachments", postfach.CodeTooMany, func(m *postfach.Message) {
			for range postfach.MaxAttachments + 1 {
				m.Attachments = append(m.Attachments, pdf("x"))
			}
		}},
		{"too large", "attachments[0].content", postfach.CodeTooLarge, func(m *postfach.Message) { m.Attachments = []postfach.Attachment{pdf(string(big))} }},
		{"total too large", "attachments", postfach.CodeTotalTooLarge, func(m *postfach.Message) {
			for range 4 {
				m.Attachments = append(m.Attachments, pdf(string(big[:postfach.MaxAttachmentSize])))
			}
		}},
		{"wrong hash", "attachments[0].sha512", postfach.CodeHashMismatch, func(m *postfach.Message) {
			a := pdf("echt")
			a.Content = []byte("gefälscht")
			m.Attachments = []postfach.Attachment{a}
		}},
		{"media type", "attachments[0].media_type", postfach.CodeMediaType, func(m *postfach.Message) {
			a := pdf("x")
			a.MediaType = "text/html"
			m.Attachments = []postfach.Attachment{a}
		}},
		{"filename path", "attachments[0].filename", postfach.CodeInvalidFilename, func(m *postfach.Message) {
			a := pdf("x")
			a.Filename = "../etc/passwd"
			m.Attachments = []postfach.Attachment{a}
		}},
		{"filename bidi override", "attachments[0].filename", postfach.CodeInvalidFilename, func(m *postfach.Message) {
			m.Attachments = []postfach.Attachment{named("rechnung\u202Efdp.exe")}
		}},
		{"filename bidi isolate", "attachments[0].filename", postfach.CodeInvalidFilename, func(m *postfach.Message) {
			m.Attachments = []postfach.Attachment{named("a\u2068b.pdf")}
		}},
		{"filename newline", "attachments[0].filename", postfach.CodeInvalidFilename, func(m *postfach.Message) {
			m.Attachments = []postfach.Attachment{named("a\nb.pdf")}
		}},
		{"filename DEL", "attachments[0].filename", postfach.CodeInvalidFilename, func(m *postfach.Message) {
			m.Attachments = []postfach.Attachment{named("a\x7fb.pdf")}
		}},
		{"filename C1 control", "attachments[0].filename", postfach.CodeInvalidFilename, func(m *postfach.Message) {
			m.Attachments = []postfach.Attachment{named("a\u0085b.pdf")}
		}},
		{"filename backslash", "attachments[0].filename", postfach.CodeInvalidFilename, func(m *postfach.Message) {
			m.Attachments = []postfach.Attachment{named(`..\\boot.ini`)}
		}},
		{"reply_to display name", "reply_to", postfach.CodeReplyToFormat, func(m *postfach.Message) { m.ReplyTo = "Bauamt <bauamt@lk-x.de>" }},
		{"reply_to http", "reply_to", postfach.CodeReplyToFormat, func(m *postfach.Message) { m.ReplyTo = "http://lk-x.de/antwort" }},
		{"reply_to javascript", "reply_to", postfach.CodeReplyToFormat, func(m *postfach.Message) { m.ReplyTo = "javascript:alert(1)" }},
		{"reply_to text", "reply_to", postfach.CodeReplyToFormat, func(m *postfach.Message) { m.ReplyTo = "beim Bauamt anrufen" }},
		{"reply_to credentials", "reply_to", postfach.CodeReplyToFormat, func(m *postfach.Message) { m.ReplyTo = "https://u:p@lk-x.de/" }},
		{"reply_to long", "reply_to", postfach.CodeTooLong, func(m *postfach.Message) {
			m.ReplyTo = "https://lk-x.de/" + strings.Repeat("a", 305)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := sample(postfach.Bescheid)
			m.Rule = postfach.RuleOZG9
			tc.edit(m)
			errs := m.Validate()
			require.Contains(t, fieldCodes(errs), tc.field+":"+tc.code)
			for _, e := range errs {
				require.NotEmpty(t, e.Message, "German text of %s", e.Code)
			}
		})
	}
}

// fieldCodes lists "field:code" of errs.
func fieldCodes(errs []postfach.FieldError) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Field+":"+e.Code)
	}
	return out
}

func TestValidateAcceptsGoodMessage(t *testing.T) {
	m := sample(postfach.Bescheid)
	m.Rule = postfach.RuleVwVfG41_2a
	m.Attachments = []postfach.Attachment{pdf("%PDF-1.7 …"), named("Bescheid März 2026 (Kopie).pdf")}
	require.Empty(t, m.Validate())
	for _, to := range []string{"bauamt@lk-x.de", "https://lk-x.de/antwort?vorgang=1",
		"https://lk-x.de/" + strings.Repeat("a", 304)} {
		m.ReplyTo = to
		require.Empty(t, m.Validate(), to)
	}
}

// named is a PDF attachment with filename name.
func named(name string) postfach.Attachment {
	a := pdf("x")
	a.Filename = name
	return a
}
