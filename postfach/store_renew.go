package postfach

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"mvnk/audit"
	"mvnk/store"
	"mvnk/store/jobs"
)

// Errors of Renew.
var (
	// ErrNotRenewable: only an OZG § 9 Bescheid provided electronically
	// can be made known again this way.
	ErrNotRenewable = errors.New("postfach: only an OZG § 9 Bescheid can be made known again")
	// ErrBekanntgabeFinal: its Bekanntgabe has taken effect.
	ErrBekanntgabeFinal = errors.New("postfach: the Bekanntgabe has already taken effect")
)

// EventRenewed: the sender made a Bescheid known again.
const EventRenewed = "postfach.renewed"

// Renew records an erneute Bekanntgabe of the client's Bescheid id (OZG
// § 9 Abs. 1 S. 7) while its Bekanntgabe has not taken effect: the day
// counts anew from now — unless the citizen retrieved it before, then the
// first retrieval's day stays decisive — and the citizen is notified
// again (the notice job, in the same transaction, with the audit event).
func (s *Store) Renew(ctx context.Context, clientID, id string) (*Message, error) {
	m, err := s.GetForSender(ctx, clientID, id)
	switch {
	case err != nil:
		return nil, err
	case m.DeletedAt != nil:
		return nil, ErrNoMessage
	case m.Delivery().Rule != RuleOZG9:
		return nil, ErrNotRenewable
	}
	now := s.now()
	if at := m.Delivery().DeemedNotifiedAt(Berlin()); m.State == Bekanntgegeben || (at != nil && !now.Before(*at)) {
		return nil, ErrBekanntgabeFinal
	}
	err = s.db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE postfach_messages SET renewed_at = $1, notified_at = NULL,
			notification_addr = '' WHERE id = $2 AND sender_client = $3 AND state <> $4 AND deleted_at IS NULL`,
			store.Micros(now), id, clientID, Bekanntgegeben)
		if ok, err := affected(res, err); err != nil || !ok {
			return orFinal(err)
		}
		if s.Notices {
			key := JobNotify + ":" + id + ":" + strconv.FormatInt(store.Micros(now), 10)
			if err := jobs.Enqueue(ctx, tx, jobs.Job{Kind: JobNotify, Payload: id, UniqueKey: key}); err != nil {
				return err
			}
		}
		return s.recordTx(ctx, tx, audit.Event{Type: EventRenewed, ActorKind: audit.ActorClient, Actor: clientID,
			Subject: id, Time: now})
	})
	if err != nil {
		return nil, err
	}
	return s.GetForSender(ctx, clientID, id)
}

// orFinal: a concurrent sweep made it final between the check and the
// update.
func orFinal(err error) error {
	if err != nil {
		return err
	}
	return ErrBekanntgabeFinal
}
