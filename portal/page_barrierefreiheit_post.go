package portal

import (
	"context"
	"net/http"
	"time"

	"mvnk/store"
)

// Feedback is limited for the whole platform, not per client: the count
// lives in the database (stateless nodes) and needs no client address.
const (
	feedbackWindow    = 10 * time.Minute
	feedbackPerWindow = 50
)

// submitFeedback stores the feedback form (Protect has checked its token
// and size) and redirects to the confirmation; an invalid form is shown
// again with its errors and the entered text.
func (p *Portal) submitFeedback(w http.ResponseWriter, r *http.Request) {
	form := parseFeedbackForm(r)
	if errs := form.Validate(); len(errs) > 0 {
		data := &feedbackPage{Form: form}
		data.Errors = errs
		p.Render(w, r, http.StatusUnprocessableEntity, "barrierefreiheit", data)
		return
	}
	ctx := r.Context()
	if busy, err := p.feedbackBusy(ctx); err != nil || busy {
		if err != nil {
			p.ServerError(w, r, err)
			return
		}
		p.renderError(w, r, http.StatusTooManyRequests, "")
		return
	}
	fb := Feedback{
		ID: store.NewID(), CreatedAt: p.now(), Status: FeedbackNew,
		PageURL: form.PageURL, Message: form.Message, Name: form.Name, Email: form.Email,
	}
	if err := p.feedback.insert(ctx, fb); err != nil {
		p.ServerError(w, r, err)
		return
	}
	p.logger.InfoContext(ctx, "accessibility feedback stored", "id", fb.ID)
	http.Redirect(w, r, "/barrierefreiheit?feedback=gesendet#feedback-gesendet", http.StatusSeeOther)
}

func (p *Portal) feedbackBusy(ctx context.Context) (bool, error) {
	n, err := p.feedback.countSince(ctx, p.now().Add(-feedbackWindow))
	return n >= feedbackPerWindow, err
}
