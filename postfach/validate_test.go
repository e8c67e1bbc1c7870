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
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := sample(postfach.Bescheid)
			m.Rule = postfach.RuleOZG9
			tc.edit(m)
			require.Contains(t, m.Validate(), postfach.FieldError{Field: tc.field, Code: tc.code})
		})
	}
}

func TestValidateAcceptsGoodMessage(t *testing.T) {
	m := sample(postfach.Bescheid)
	m.Rule = postfach.RuleVwVfG41_2a
	m.Attachments = []postfach.Attachment{pdf("%PDF-1.7 …")}
	require.Empty(t, m.Validate())
}
