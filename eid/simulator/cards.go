package simulator

import (
	"context"
	"errors"

	"mvnk/store"
)

// pinFailures is the number of wrong PINs entered on a test card in a row.
func (s *Simulator) pinFailures(ctx context.Context, personID string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT failures FROM eid_sim_cards WHERE person = $1`, personID).Scan(&n)
	if errors.Is(store.Classify(err), store.ErrNotFound) {
		return 0, nil
	}
	return n, store.Classify(err)
}

// pinWrong counts a wrong PIN and returns the failures now.
func (s *Simulator) pinWrong(ctx context.Context, personID string) (int, error) {
	_, err := s.db.ExecContext(ctx, `INSERT INTO eid_sim_cards (person, failures) VALUES ($1, 1)
		ON CONFLICT (person) DO UPDATE SET failures = eid_sim_cards.failures + 1`, personID)
	if err != nil {
		return 0, store.Classify(err)
	}
	return s.pinFailures(ctx, personID)
}

// pinRight resets the counter (a card counts wrong PINs in a row).
func (s *Simulator) pinRight(ctx context.Context, personID string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM eid_sim_cards WHERE person = $1`, personID)
	return store.Classify(err)
}

// Unblock resets a blocked test card (as the PUK would).
func (s *Simulator) Unblock(ctx context.Context, personID string) error {
	return s.pinRight(ctx, personID)
}
