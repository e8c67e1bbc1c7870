package account

import (
	"context"
	"runtime"
)

// Hasher hashes and verifies passwords with a bounded number of argon2id
// computations at a time: each takes Params.MemoryKiB of memory, so a
// flood of logins queues here instead of exhausting the node's memory.
type Hasher struct {
	Params Params
	slots  chan struct{}
}

// NewHasher allows GOMAXPROCS hashes at once (more would not run faster).
func NewHasher(p Params) *Hasher {
	return &Hasher{Params: p, slots: make(chan struct{}, runtime.GOMAXPROCS(0))}
}

// Hash returns the PHC string of password under h.Params.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	return hashPassword(password, h.Params), nil
}

// Verify reports whether password matches the stored PHC string.
func (h *Hasher) Verify(ctx context.Context, password, phc string) (bool, error) {
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	defer h.release()
	return verifyPassword(password, phc)
}

func (h *Hasher) acquire(ctx context.Context) error {
	select {
	case h.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Hasher) release() { <-h.slots }
