package portal

import (
	"net/http"
	"net/mail"
	"strings"
	"unicode/utf8"
)

// Limits of the feedback form, in characters; the table checks them too.
const (
	maxFeedbackMessage = 5000
	maxFeedbackPageURL = 2000
	maxFeedbackName    = 200
	maxFeedbackEmail   = 254
)

// feedbackForm is the accessibility feedback form, as submitted.
type feedbackForm struct {
	PageURL string
	Message string
	Name    string
	Email   string
}

func parseFeedbackForm(r *http.Request) feedbackForm {
	return feedbackForm{
		PageURL: formText(r.PostFormValue("page_url")),
		Message: formText(r.PostFormValue("message")),
		Name:    formText(r.PostFormValue("name")),
		Email:   formText(r.PostFormValue("email")),
	}
}

// Validate returns the form's errors in the order of the fields.
func (f feedbackForm) Validate() []FieldError {
	var errs []FieldError
	tooLong := func(field, value string, limit int) {
		if utf8.RuneCountInString(value) > limit {
			errs = append(errs, FieldError{Field: field, Key: "feedback.error." + field + "_too_long", Args: []any{limit}})
		}
	}
	tooLong("page_url", f.PageURL, maxFeedbackPageURL)
	if f.Message == "" {
		errs = append(errs, FieldError{Field: "message", Key: "feedback.error.message_required"})
	}
	tooLong("message", f.Message, maxFeedbackMessage)
	tooLong("name", f.Name, maxFeedbackName)
	if f.Email != "" && !validEmail(f.Email) {
		errs = append(errs, FieldError{Field: "email", Key: "feedback.error.email_invalid"})
	}
	tooLong("email", f.Email, maxFeedbackEmail)
	return errs
}

// validEmail accepts a bare address ("kim@example.de"), nothing else.
func validEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Address == s && strings.Contains(s[strings.LastIndex(s, "@"):], ".")
}
