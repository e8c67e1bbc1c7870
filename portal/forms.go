package portal

import "strings"

// FieldError is one invalid form field. Field is the input's id (the error
// summary links to it, WCAG 3.3.1); Key is the catalogue key of the
// message, formatted with Args.
type FieldError struct {
	Field string
	Key   string
	Args  []any
}

// formText normalises a submitted text: browsers send a textarea's line
// breaks as CRLF, but count them as one character for maxlength.
func formText(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}
