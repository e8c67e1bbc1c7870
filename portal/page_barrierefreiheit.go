package portal

import (
	"net/http"
	"unicode/utf8"
)

// feedbackPage is the Erklärung zur Barrierefreiheit with its feedback
// form (BITV 2.0 § 7).
type feedbackPage struct {
	Page
	Form feedbackForm
	Sent bool // the form was just sent successfully
}

// showBarrierefreiheit shows the statement. "?seite=…" prefills the page
// the feedback is about; "?feedback=gesendet" confirms a sent message.
func (p *Portal) showBarrierefreiheit(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := &feedbackPage{Sent: q.Get("feedback") == "gesendet"}
	if seite := q.Get("seite"); utf8.RuneCountInString(seite) <= maxFeedbackPageURL {
		data.Form.PageURL = seite
	}
	p.Render(w, r, http.StatusOK, "barrierefreiheit", data)
}
