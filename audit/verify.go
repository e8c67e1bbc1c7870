package audit

import (
	"context"
	"fmt"

	"mvnk/store"
)

// verifyBatch is how many entries Verify reads per query: memory stays
// flat however long the log grows.
const verifyBatch = 1000

// Report is the outcome of Verify. OK false means the chain is broken:
// BadSeq is the first entry that is wrong or missing, Reason says how.
type Report struct {
	OK      bool
	Entries int64  // entries checked: the head's seq when OK
	Head    string // hash of the last entry, "" for an empty log
	BadSeq  int64
	Reason  string // "hash mismatch", "broken link", "gap after 41", …
}

// Verify walks the log in seq order and checks that seq starts at 1
// without gaps, that every hash matches its entry and every prev_hash the
// entry before, and that the last entry is the one audit_head records. It
// checks the log up to the head read at its start, so appends running
// meanwhile neither disturb it nor count. An error means the database
// could not be read; a broken chain is a Report with OK false.
//
// A chain proves order and integrity, not completeness against someone who
// rewrites everything from an entry on, head included. Keep the head hash
// Verify prints somewhere else (a ticket, a second system) to catch that.
func (l *Log) Verify(ctx context.Context) (Report, error) {
	var head struct {
		seq  int64
		hash string
	}
	err := l.db.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&head.seq, &head.hash)
	if err != nil {
		return Report{}, fmt.Errorf("audit: read head: %w", store.Classify(err))
	}
	c := checker{want: 1}
	for c.want <= head.seq {
		batch, err := l.batch(ctx, c.want-1, head.seq)
		if err != nil {
			return Report{}, err
		}
		if len(batch) == 0 {
			return c.broken(c.want, fmt.Sprintf("missing: log ends at %d, head is at %d", c.want-1, head.seq)), nil
		}
		for _, en := range batch {
			if r, bad := c.check(en); bad {
				return r, nil
			}
		}
	}
	if c.prev != head.hash {
		return c.broken(head.seq, "last entry does not match the recorded head"), nil
	}
	return Report{OK: true, Entries: head.seq, Head: head.hash}, nil
}

// batch reads up to verifyBatch entries after seq `after`, up to `upTo`.
func (l *Log) batch(ctx context.Context, after, upTo int64) ([]Entry, error) {
	rows, err := l.db.QueryContext(ctx, `SELECT `+entryColumns+` FROM audit_log
		WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3`, after, upTo, verifyBatch)
	if err != nil {
		return nil, store.Classify(err)
	}
	return scanEntries(rows)
}

// checker carries the walk's state from one entry to the next.
type checker struct {
	want int64  // the seq the next entry must have
	prev string // the hash of the entry before it
}

// check tests one entry. The entry's own hash comes before its link: an
// edited entry is reported itself, and an edited entry whose hash was
// recomputed shows up as a broken link at the entry after it.
func (c *checker) check(en Entry) (Report, bool) {
	switch {
	case en.Seq != c.want && c.want == 1:
		return c.broken(1, fmt.Sprintf("log starts at %d, not 1", en.Seq)), true
	case en.Seq != c.want:
		return c.broken(c.want, fmt.Sprintf("gap after %d", c.want-1)), true
	}
	hash, err := entryHash(en.Version, en.Seq, en.Event, en.PrevHash)
	switch {
	case err != nil:
		return c.broken(en.Seq, err.Error()), true
	case hash != en.Hash:
		return c.broken(en.Seq, "hash mismatch"), true
	case en.PrevHash != c.prev:
		return c.broken(en.Seq, "broken link"), true
	}
	c.want, c.prev = en.Seq+1, en.Hash
	return Report{}, false
}

func (c *checker) broken(seq int64, reason string) Report {
	return Report{Entries: c.want - 1, Head: c.prev, BadSeq: seq, Reason: reason}
}
