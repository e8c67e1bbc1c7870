package account

import "context"

// IPFailures exposes the per-address counter to the tests.
func IPFailures(ctx context.Context, s *Store, ip string) (int, error) {
	n, _, err := s.counter(ctx, ipKey(ip))
	return n, err
}
