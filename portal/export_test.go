package portal

import "context"

// Test hooks for the black-box tests in package portal_test.

// InsertFeedback stores f directly, bypassing form and rate limit.
func (p *Portal) InsertFeedback(ctx context.Context, f Feedback) error {
	return p.feedback.insert(ctx, f)
}

// FeedbackPerWindow is the rate limit of the feedback form.
const FeedbackPerWindow = feedbackPerWindow
