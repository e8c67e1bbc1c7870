package portal

import (
	"context"
	"fmt"
	"time"

	"mvnk/store"
)

// FeedbackStatus is where an administrator is with a piece of feedback.
type FeedbackStatus string

const (
	FeedbackNew        FeedbackStatus = "new"
	FeedbackInProgress FeedbackStatus = "in_progress"
	FeedbackDone       FeedbackStatus = "done"
)

// Feedback is one message sent with the form of the Erklärung zur
// Barrierefreiheit. Name and Email are optional.
type Feedback struct {
	ID        string
	CreatedAt time.Time
	UpdatedAt time.Time // last status change
	PageURL   string
	Message   string
	Name      string
	Email     string
	Status    FeedbackStatus
}

// Feedback lists the newest feedback first, at most limit entries
// (1 to 1000; other values mean 100). For the admin pages.
func (p *Portal) Feedback(ctx context.Context, limit int) ([]Feedback, error) {
	if limit < 1 || limit > 1000 {
		limit = 100
	}
	return p.feedback.list(ctx, limit)
}

// SetFeedbackStatus moves a piece of feedback to status; an unknown id is
// store.ErrNotFound.
func (p *Portal) SetFeedbackStatus(ctx context.Context, id string, status FeedbackStatus) error {
	switch status {
	case FeedbackNew, FeedbackInProgress, FeedbackDone:
	default:
		return fmt.Errorf("unknown feedback status %q", status)
	}
	return p.feedback.setStatus(ctx, id, status, p.now())
}

// PurgeFeedback deletes feedback that was done before cutoff and reports
// how many; the privacy notice promises deletion twelve months after
// completion, so a daily job calls it with now minus twelve months.
func (p *Portal) PurgeFeedback(ctx context.Context, cutoff time.Time) (int64, error) {
	return p.feedback.purgeDone(ctx, cutoff)
}

// feedbackStore keeps feedback in the portal_feedback table.
type feedbackStore struct{ db *store.DB }

func (s feedbackStore) insert(ctx context.Context, f Feedback) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO portal_feedback
		(id, created_at, updated_at, page_url, message, name, email, status)
		VALUES ($1, $2, $2, $3, $4, $5, $6, $7)`,
		f.ID, store.Micros(f.CreatedAt), f.PageURL, f.Message, f.Name, f.Email, string(f.Status))
	if err != nil {
		return fmt.Errorf("insert feedback: %w", store.Classify(err))
	}
	return nil
}

func (s feedbackStore) list(ctx context.Context, limit int) ([]Feedback, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, created_at, updated_at, page_url, message, name, email, status
		FROM portal_feedback ORDER BY created_at DESC, id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("list feedback: %w", store.Classify(err))
	}
	defer rows.Close()
	var list []Feedback
	for rows.Next() {
		var f Feedback
		var created, updated int64
		var status string
		if err := rows.Scan(&f.ID, &created, &updated, &f.PageURL, &f.Message, &f.Name, &f.Email, &status); err != nil {
			return nil, fmt.Errorf("list feedback: %w", err)
		}
		f.CreatedAt, f.UpdatedAt = store.FromMicros(created), store.FromMicros(updated)
		f.Status = FeedbackStatus(status)
		list = append(list, f)
	}
	return list, rows.Err()
}

func (s feedbackStore) countSince(ctx context.Context, since time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM portal_feedback WHERE created_at >= $1`,
		store.Micros(since)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count feedback: %w", store.Classify(err))
	}
	return n, nil
}

func (s feedbackStore) setStatus(ctx context.Context, id string, status FeedbackStatus, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `UPDATE portal_feedback SET status = $1, updated_at = $2 WHERE id = $3`,
		string(status), store.Micros(at), id)
	if err != nil {
		return fmt.Errorf("set feedback status: %w", store.Classify(err))
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("feedback %s: %w", id, store.ErrNotFound)
	}
	return nil
}

func (s feedbackStore) purgeDone(ctx context.Context, cutoff time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM portal_feedback WHERE status = $1 AND updated_at < $2`,
		string(FeedbackDone), store.Micros(cutoff))
	if err != nil {
		return 0, fmt.Errorf("purge feedback: %w", store.Classify(err))
	}
	return res.RowsAffected()
}
