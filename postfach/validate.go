package postfach

import (
	"crypto/sha512"
	"encoding/hex"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"mvnk/eid/trust"
)

// Limits of a message. They match the ZBP's (egov-standards.md §4.2)
// where it has one.
const (
	MaxSubject         = 255
	MaxBody            = 100_000 // characters
	MaxAttachments     = 20
	MaxAttachmentSize  = 10 << 20 // 10 MiB each
	MaxAttachmentTotal = 30 << 20 // 30 MiB together
	maxShortField      = 255
)

// MediaTypes are the attachment types a sender may deliver: documents a
// citizen's device opens safely, nothing executable or scriptable.
var MediaTypes = []string{"application/pdf", "image/png", "image/jpeg", "application/xml",
	"text/xml", "text/plain", "text/csv"}

// FieldError is one problem with a message or reply. Code is stable: the
// API maps it onto its problem+json type. Message is a German text for
// people (fieldText; CreateReply's speak to the citizen), not part of the
// API's answer.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"-"`
}

// Codes of FieldError.
const (
	CodeRequired        = "required"
	CodeTooLong         = "too_long"
	CodeUnknownKind     = "unknown_kind"
	CodeLevelRange      = "level_out_of_range"
	CodeUnknownRule     = "unknown_rule"
	CodeRuleForKind     = "rule_not_for_kind"
	CodeLeikaFormat     = "leika_id_format"
	CodeTooMany         = "too_many_attachments"
	CodeTooLarge        = "attachment_too_large"
	CodeTotalTooLarge   = "attachments_too_large"
	CodeHashMismatch    = "hash_mismatch"
	CodeMediaType       = "media_type_not_allowed"
	CodeInvalidFilename = "invalid_filename"
	CodeReplyToFormat   = "reply_to_format"
)

var leikaPattern = regexp.MustCompile(`^urn:de:fim:leika:leistung:[0-9]+$`)

// Validate checks m as a sender delivered it; nil means it may be stored.
func (m *Message) Validate() []FieldError {
	var errs []FieldError
	add := func(field, code string) {
		errs = append(errs, FieldError{Field: field, Code: code, Message: fieldText(code)})
	}
	m.validateHeader(add)
	m.validateRule(add)
	validateAttachments(m.Attachments, add)
	return errs
}

func (m *Message) validateHeader(add func(string, string)) {
	if !slices.Contains(Kinds, m.Kind) {
		add("kind", CodeUnknownKind)
	}
	requiredText(add, "subject", m.Subject, MaxSubject)
	requiredText(add, "body", m.Body, MaxBody)
	requiredText(add, "sender", m.Sender.Name, maxShortField)
	for field, v := range map[string]string{"service": m.Service, "reference": m.Reference,
		"application_id": m.ApplicationID} {
		if utf8.RuneCountInString(v) > maxShortField {
			add(field, CodeTooLong)
		}
	}
	switch {
	case utf8.RuneCountInString(m.ReplyTo) > MaxReplyTo:
		add("reply_to", CodeTooLong)
	case m.ReplyTo != "" && !validReplyTo(m.ReplyTo):
		add("reply_to", CodeReplyToFormat)
	}
	if m.LeikaID != "" && !leikaPattern.MatchString(m.LeikaID) {
		add("leika_id", CodeLeikaFormat)
	}
	if m.RequiredLevel < trust.Basis || m.RequiredLevel > trust.Hoch {
		add("required_level", CodeLevelRange)
	}
}

func requiredText(add func(string, string), field, v string, max int) {
	switch {
	case strings.TrimSpace(v) == "":
		add(field, CodeRequired)
	case utf8.RuneCountInString(v) > max:
		add(field, CodeTooLong)
	}
}

// validateRule: a Bekanntgabe rule other than none belongs to a Bescheid.
func (m *Message) validateRule(add func(string, string)) {
	switch m.Rule {
	case RuleNone, "":
	case RuleOZG9, RuleVwVfG41_2a:
		if m.Kind != Bescheid {
			add("bekanntgabe_rule", CodeRuleForKind)
		}
	default:
		add("bekanntgabe_rule", CodeUnknownRule)
	}
}

func validateAttachments(list []Attachment, add func(string, string)) {
	if len(list) > MaxAttachments {
		add("attachments", CodeTooMany)
	}
	var total int64
	for i, a := range list {
		field := "attachments[" + strconv.Itoa(i) + "]"
		total += int64(len(a.Content))
		validateAttachment(a, field, add)
	}
	if total > MaxAttachmentTotal {
		add("attachments", CodeTotalTooLarge)
	}
}

func validateAttachment(a Attachment, field string, add func(string, string)) {
	if !validFilename(a.Filename) {
		add(field+".filename", CodeInvalidFilename)
	}
	if !slices.Contains(MediaTypes, a.MediaType) {
		add(field+".media_type", CodeMediaType)
	}
	if len(a.Content) > MaxAttachmentSize {
		add(field+".content", CodeTooLarge)
	}
	sum := sha512.Sum512(a.Content)
	if !strings.EqualFold(a.SHA512, hex.EncodeToString(sum[:])) {
		add(field+".sha512", CodeHashMismatch)
	}
}
