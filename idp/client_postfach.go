package idp

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"mvnk/audit"
)

// Limits of a client's list of Postfach senders.
const (
	MaxPostfachSenders   = 50
	MaxPostfachSenderLen = 200 // characters, like owner
)

// PostfachSenderNames are the Behörden c may send Postfach messages as:
// the registered list, or the owner alone when the list is empty. No
// list and no owner: none.
func (c *Client) PostfachSenderNames() []string {
	switch {
	case len(c.PostfachSenders) > 0:
		return slices.Clone(c.PostfachSenders)
	case c.Owner != "":
		return []string{c.Owner}
	}
	return nil
}

// PostfachSenders returns the sender names of the client with id
// (Client.PostfachSenderNames); an unknown client is store.ErrNotFound.
func (s *SQLClientStore) PostfachSenders(ctx context.Context, id string) ([]string, error) {
	c, err := s.GetClient(ctx, id)
	if err != nil {
		return nil, err
	}
	return c.PostfachSenderNames(), nil
}

// validatePostfachSenders: a citizen reads the sender name in the
// Postfach, so each is a plain line of text, 1 to 200 characters, with
// no control or format characters (no line breaks, no bidi overrides
// that could make one Behörde look like another), and no blank edges.
func (c *Client) validatePostfachSenders(v *ValidationError) {
	if len(c.PostfachSenders) > MaxPostfachSenders {
		v.add("postfach_senders", "höchstens %d Absender", MaxPostfachSenders)
	}
	for i, name := range c.PostfachSenders {
		if msg := checkSenderName(name); msg != "" {
			v.add(fmt.Sprintf("postfach_senders[%d]", i), "%s", msg)
		}
	}
	checkUnique(v, "postfach_senders", c.PostfachSenders)
}

func checkSenderName(name string) string {
	n := utf8.RuneCountInString(name)
	switch {
	case !utf8.ValidString(name):
		return "kein gültiges UTF-8"
	case strings.TrimSpace(name) == "" || n > MaxPostfachSenderLen:
		return fmt.Sprintf("ein Absendername hat 1 bis %d Zeichen", MaxPostfachSenderLen)
	case strings.IndexFunc(name, notPrintable) >= 0:
		return fmt.Sprintf("%q enthält Steuer- oder Formatzeichen", name)
	case strings.TrimSpace(name) != name:
		return fmt.Sprintf("%q beginnt oder endet mit Leerraum", name)
	}
	return ""
}

// notPrintable: control (Cc), format (Cf: zero-width, bidi) and line or
// paragraph separators (Zl, Zp).
func notPrintable(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
}

// AuditDetails are the details of p worth keeping in the audit log: whom
// the client may now send Postfach messages as (a grant of authority,
// not only a setting). Nil when p does not change that.
func (p *ClientPatch) AuditDetails() map[string]string {
	if p.PostfachSenders == nil {
		return nil
	}
	quoted := make([]string, len(*p.PostfachSenders))
	for i, name := range *p.PostfachSenders {
		quoted[i] = fmt.Sprintf("%q", name)
	}
	list := strings.Join(quoted, ", ")
	if list == "" {
		list = "(keine Liste: nur als Owner)"
	}
	if r := []rune(list); len(r) > audit.MaxDetailValue {
		list = string(r[:audit.MaxDetailValue-1]) + "…"
	}
	return map[string]string{"postfach_senders": list}
}
