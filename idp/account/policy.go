package account

import (
	"strings"
	"unicode/utf8"
)

// Password length bounds in runes after NFKC (NIST SP 800-63B §5.1.1.2:
// at least 8, and at least 64 must be allowed). 128 bounds the hashing
// input; longer is refused with a clear message, never truncated.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 128
)

// Message keys of CheckPassword; Message gives the German text.
const (
	PwTooShort    = "password.too_short"
	PwTooLong     = "password.too_long"
	PwCommon      = "password.common"
	PwPersonal    = "password.personal"
	PwRepetitive  = "password.repetitive"
	PwControlChar = "password.control_char"
)

// CheckPassword applies the rules of NIST SP 800-63B §5.1.1.2 to a new
// password and returns the keys of the rules it breaks (none = fine).
// There are deliberately no composition rules (no "one digit, one capital").
func CheckPassword(password, username, email string) []string {
	pw := normalize(password)
	n := utf8.RuneCountInString(pw)
	var problems []string
	switch {
	case n < MinPasswordLen:
		problems = append(problems, PwTooShort)
	case n > MaxPasswordLen:
		return append(problems, PwTooLong)
	}
	if strings.ContainsFunc(pw, isControl) {
		problems = append(problems, PwControlChar)
	}
	lower := strings.ToLower(pw)
	switch {
	case isPersonal(lower, username, email):
		problems = append(problems, PwPersonal)
	case isRepetitive(lower):
		problems = append(problems, PwRepetitive)
	case n >= MinPasswordLen && Blocklisted(lower):
		problems = append(problems, PwCommon)
	}
	return problems
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// isPersonal: "context-specific words" of §5.1.1.2 — the user's own
// username, e-mail address or its local part.
func isPersonal(lowerPw, username, email string) bool {
	local, _, _ := strings.Cut(email, "@")
	for _, s := range []string{username, email, local} {
		if s != "" && lowerPw == strings.ToLower(normalize(s)) {
			return true
		}
	}
	return false
}

// isRepetitive: "repetitive or sequential characters" of §5.1.1.2, such
// as "aaaaaaaa", "12345678" or "hgfedcba" (steps of -1, 0 or +1).
func isRepetitive(pw string) bool {
	r := []rune(pw)
	if len(r) < 2 {
		return false
	}
	step := r[1] - r[0]
	if step < -1 || step > 1 {
		return false
	}
	for i := 2; i < len(r); i++ {
		if r[i]-r[i-1] != step {
			return false
		}
	}
	return true
}
