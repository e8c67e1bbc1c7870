package postfach

import (
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Reply is a citizen's answer to a message whose sender allows replies
// (ReplyAllowed). Body and attachment contents are encrypted at rest with
// the mailbox key, as a message's are (doc.go).
type Reply struct {
	ID, MessageID string
	Body          string
	Attachments   []Attachment // metadata; Content only where it was read
	CreatedAt     time.Time
}

// MaxReplyBody is the longest reply text, in characters.
const MaxReplyBody = 20_000

// fillHashes computes what a citizen's upload does not carry: the
// SHA-512 every stored attachment has, and the size.
func fillHashes(list []Attachment) {
	for i := range list {
		if list[i].SHA512 == "" {
			sum := sha512.Sum512(list[i].Content)
			list[i].SHA512 = hex.EncodeToString(sum[:])
		}
		list[i].Size = int64(len(list[i].Content))
	}
}

// validateReply checks a reply with the limits of a message's text and
// attachments. Field is "body", "attachments" or "attachments[i]" (the
// file, whatever is wrong with it); Message is the German text the
// citizen's page shows.
func validateReply(body string, atts []Attachment) []FieldError {
	var errs []FieldError
	add := func(field, code string) {
		field, _, _ = strings.Cut(field, ".")
		errs = append(errs, FieldError{Field: field, Code: code, Message: replyErrorText(field, code, atts)})
	}
	requiredText(add, "body", body, MaxReplyBody)
	validateAttachments(atts, add)
	return errs
}

func replyErrorText(field, code string, atts []Attachment) string {
	name := "Eine Datei"
	if i, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(field, "attachments["), "]")); err == nil &&
		i < len(atts) && validFilename(atts[i].Filename) { // never echo a misleading name
		name = "„" + atts[i].Filename + "“"
	}
	switch code {
	case CodeRequired:
		return "Bitte geben Sie einen Text für Ihre Antwort ein."
	case CodeTooLong:
		return fmt.Sprintf("Ihre Antwort darf höchstens %s Zeichen lang sein.", germanInt(MaxReplyBody))
	case CodeTooMany:
		return fmt.Sprintf("Sie können höchstens %d Dateien anhängen.", MaxAttachments)
	case CodeTotalTooLarge:
		return fmt.Sprintf("Alle Dateien zusammen dürfen höchstens %d MB groß sein.", MaxAttachmentTotal>>20)
	case CodeTooLarge:
		return fmt.Sprintf("%s ist größer als %d MB.", name, MaxAttachmentSize>>20)
	case CodeMediaType:
		return name + " hat kein erlaubtes Format. Erlaubt sind PDF, PNG, JPEG, XML, Text und CSV."
	case CodeInvalidFilename:
		return "Der Name einer Datei ist leer, zu lang oder enthält Steuerzeichen, Schreibrichtungszeichen oder Schrägstriche. Bitte benennen Sie die Datei um."
	case CodeHashMismatch:
		return name + " wurde beim Hochladen beschädigt. Bitte laden Sie die Datei erneut hoch."
	}
	return "Diese Angabe ist ungültig."
}

// germanInt writes n with the German thousands separator (20.000).
func germanInt(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}
