package account

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"mvnk/store"
)

// ThrottlePolicy limits online guessing (NIST SP 800-63B §5.2.2): after
// Free failures, each further one doubles the wait, 2^(failures-Free) s,
// up to MaxDelay. Counters start over after Window without a failure.
type ThrottlePolicy struct {
	AccountFree, IPFree int
	MaxDelay, Window    time.Duration
}

// DefaultThrottle: 5 free failures per account, 50 per IP address (NAT
// of an office or a school), at most 15 minutes between attempts.
var DefaultThrottle = ThrottlePolicy{AccountFree: 5, IPFree: 50, MaxDelay: 15 * time.Minute, Window: 24 * time.Hour}

// delay is the wait after the given number of failures.
func (p ThrottlePolicy) delay(failures, free int) time.Duration {
	if failures <= free {
		return 0
	}
	if e := failures - free; e < 31 && time.Second<<e < p.MaxDelay {
		return time.Second << e
	}
	return p.MaxDelay
}

// ErrThrottled matches every *ThrottledError with errors.Is.
var ErrThrottled = errors.New("login throttled")

// ThrottledError refuses an attempt before the password is looked at;
// RetryAfter feeds the page's message and a Retry-After header.
type ThrottledError struct{ RetryAfter time.Duration }

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("login throttled: retry after %s", e.RetryAfter.Round(time.Second))
}

func (e *ThrottledError) Is(target error) bool { return target == ErrThrottled }

func accountKey(id string) string { return "acct:" + id }
func ipKey(ip string) string      { return "ip:" + ip }

// loginKey counts attempts on a login name no account has, exactly as an
// account's would be, so throttling reveals nothing; hashed, because a
// mistyped e-mail address is personal data too.
func loginKey(login string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(normalize(login))))
	return "login:" + hex.EncodeToString(sum[:])
}

// reserveSQL counts one attempt, in one statement, only if the key is not
// locked: the lock is last_at + delay(failures), computed by a CASE built
// from the policy. No row back means locked. Parallel attempts each get
// their own count (upsert is atomic on both databases), so none slips past.
// Below the free failures nothing is locked, whatever last_at says: a
// parallel attempt may have stamped last_at a moment after this one took
// its time, which must not read as a lock.
func reserveSQL(p ThrottlePolicy, free int) string {
	var c strings.Builder
	fmt.Fprintf(&c, "CASE WHEN t.failures <= %d THEN 0", free)
	for n := free + 1; p.delay(n, free) < p.MaxDelay; n++ {
		fmt.Fprintf(&c, " WHEN t.failures = %d THEN %d", n, p.delay(n, free).Microseconds())
	}
	fmt.Fprintf(&c, " ELSE %d END", p.MaxDelay.Microseconds())
	return `INSERT INTO login_throttle AS t (key, failures, last_at) VALUES ($1, 1, $2)
		ON CONFLICT (key) DO UPDATE SET last_at = $2,
		failures = CASE WHEN t.last_at < $3 THEN 1 ELSE t.failures + 1 END
		WHERE t.last_at < $3 OR t.failures < ` + fmt.Sprint(free) + ` OR t.last_at + ` + c.String() + ` <= $2
		RETURNING failures`
}

// counted is one kind of counter: its reserve statement and free failures.
type counted struct {
	query string
	free  int
}

// throttle holds the account and IP counters of a policy.
type throttle struct {
	policy      ThrottlePolicy
	account, ip counted
}

func newThrottle(p ThrottlePolicy) *throttle {
	return &throttle{policy: p,
		account: counted{reserveSQL(p, p.AccountFree), p.AccountFree},
		ip:      counted{reserveSQL(p, p.IPFree), p.IPFree}}
}

// reserve counts an attempt on key or returns a *ThrottledError.
func (s *Store) reserve(ctx context.Context, th *throttle, c counted, key string) error {
	now := s.now()
	var n int
	err := s.db.QueryRowContext(ctx, c.query, key, store.Micros(now), store.Micros(now.Add(-th.policy.Window))).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return s.throttled(ctx, th, key, c.free, now)
	}
	return store.Classify(err)
}
