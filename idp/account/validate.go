package account

import (
	"crypto/rand"
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ValidationError names the field of an account that is not acceptable.
type ValidationError struct{ Field, Msg string }

func (e *ValidationError) Error() string { return e.Field + ": " + e.Msg }

// normUsername and normEmail give the lower-cased copies the unique
// indexes are on. Usernames are NFKC first, like passwords.
func normUsername(u string) string { return strings.ToLower(normalize(u)) }
func normEmail(e string) string    { return strings.ToLower(strings.TrimSpace(e)) }

func validate(a *Account) error {
	if err := validUsername(a.Username); err != nil {
		return err
	}
	if err := validEmail(a.Email); err != nil {
		return err
	}
	switch {
	case a.Kind != Citizen && a.Kind != Staff:
		return &ValidationError{"kind", fmt.Sprintf("%q is neither citizen nor staff", a.Kind)}
	case a.State != Pending && a.State != Active && a.State != Disabled:
		return &ValidationError{"state", fmt.Sprintf("unknown state %q", a.State)}
	case a.TrustLevel < 0 || a.TrustLevel > LevelHoch:
		return &ValidationError{"trust_level", "must be 0–4"}
	case a.Kind == Staff && strings.TrimSpace(a.Organisation) == "":
		return &ValidationError{"organisation", "a staff account needs its organisation"}
	case a.Kind == Citizen && (a.Organisation != "" || len(a.Roles) > 0):
		return &ValidationError{"organisation", "only staff accounts have an organisation and roles"}
	}
	return nil
}

// validUsername: 3–64 letters, digits, ".", "_" or "-"; never "@", so a
// login string containing "@" is always an e-mail address.
func validUsername(u string) error {
	if n := utf8.RuneCountInString(u); n < 3 || n > 64 {
		return &ValidationError{"username", "must be 3–64 characters"}
	}
	for _, r := range u {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("._-", r) {
			return &ValidationError{"username", fmt.Sprintf("may contain letters, digits, '.', '_' and '-', not %q", r)}
		}
	}
	return nil
}

// validEmail accepts a bare addr-spec (RFC 5322 §3.4.1) of at most 254
// octets (RFC 5321 §4.5.3.1), no display name.
func validEmail(e string) error {
	addr, err := mail.ParseAddress(e)
	if err != nil || addr.Address != e || addr.Name != "" || len(e) > 254 {
		return &ValidationError{"email", fmt.Sprintf("%q is not an e-mail address", e)}
	}
	return nil
}

// newPostfachHandle is a random UUID (RFC 9562 §5.4, version 4). The
// handle addresses the Postfach from outside and is never the account id.
func newPostfachHandle() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
