package account

import (
	"context"
	"time"

	"mvnk/store"
)

// throttled reads the lock of key to tell the caller how long to wait.
func (s *Store) throttled(ctx context.Context, th *throttle, key string, free int, now time.Time) error {
	failures, last, err := s.counter(ctx, key)
	if err != nil {
		return err
	}
	wait := last.Add(th.policy.delay(failures, free)).Sub(now)
	return &ThrottledError{RetryAfter: max(wait, time.Second)}
}

// counter returns the failures counted on key and the last attempt.
func (s *Store) counter(ctx context.Context, key string) (int, time.Time, error) {
	var n int
	var last int64
	err := s.db.QueryRowContext(ctx, `SELECT failures, last_at FROM login_throttle WHERE key = $1`, key).Scan(&n, &last)
	if err != nil {
		return 0, time.Time{}, store.Classify(err)
	}
	return n, store.FromMicros(last), nil
}

// Failures returns the failures counted against an account (0 if none).
func (s *Store) Failures(ctx context.Context, accountID string) (int, error) {
	n, _, err := s.counter(ctx, accountKey(accountID))
	if isNotFound(err) {
		return 0, nil
	}
	return n, err
}

// resetAccount clears an account's counter after a successful login.
func (s *Store) resetAccount(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM login_throttle WHERE key = $1`, accountKey(id))
	return store.Classify(err)
}

// releaseIP takes back the attempt counted on an address when it turned
// out to be a success: offices behind one address are not locked out by
// their own colleagues' logins.
func (s *Store) releaseIP(ctx context.Context, ip string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE login_throttle SET failures = failures - 1
		WHERE key = $1 AND failures > 0`, ipKey(ip))
	return store.Classify(err)
}
