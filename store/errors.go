package store

import "errors"

// Sentinel errors every component's store returns, wrapped with %w.
var (
	// ErrNotFound: the row asked for does not exist (or has expired).
	ErrNotFound = errors.New("not found")
	// ErrConflict: a unique key is taken, or a concurrent update won.
	ErrConflict = errors.New("conflict")
)
