package postfach

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"mvnk/audit"
	"mvnk/eid/trust"
	"mvnk/store"
)

// MarkRetrieved records that a session at level opened message id. Only
// the first retrieval counts (a conditional UPDATE, safe across nodes);
// first tells whether this was it. The retrieval is evidence under
// § 41 Abs. 2a VwVfG and is audited in the same transaction, which also
// queues the sender's message.retrieved webhook (Store.Events).
//
// Under § 41 (2a) an opening at or after the end of the provision
// (Delivery.ProvisionEndsAt) is no retrieval: nothing is recorded, even
// before the hourly sweep has marked the Bescheid nicht_abgerufen, so the
// sweep still settles it (S. 4: the Bekanntgabe did not take effect).
func (s *Store) MarkRetrieved(ctx context.Context, accountID, id string, level trust.Level) (m *Message, first bool, err error) {
	m, err = s.Get(ctx, accountID, id)
	if err != nil {
		return nil, false, err
	}
	if !m.Readable(level) {
		return m, false, ErrLevelTooLow
	}
	now := s.now()
	if m.Delivery().retrievalTooLate(now, Berlin()) {
		return m, false, nil
	}
	err = s.db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE postfach_messages SET first_retrieved_at = $1,
			retrieved_level = $2, state = CASE WHEN state = 'bereitgestellt' THEN 'abgerufen' ELSE state END
			WHERE id = $3 AND first_retrieved_at IS NULL AND state <> 'nicht_abgerufen' AND deleted_at IS NULL`,
			store.Micros(now), level, id)
		if first, err = affected(res, err); !first || err != nil {
			return err
		}
		err = s.recordTx(ctx, tx, audit.Event{Type: EventRetrieved, Actor: accountID,
			ActorKind: audit.ActorAccount, Subject: id, Time: now,
			Details: map[string]string{"level": strconv.Itoa(int(level)), "sender": m.Sender.ClientID}})
		if err != nil {
			return err
		}
		return s.enqueueEvent(ctx, tx, m.Sender.ClientID, WebhookEvent{Type: WebhookMessageRetrieved,
			MessageID: id, ApplicationID: m.ApplicationID, OccurredAt: now})
	})
	if err != nil {
		return nil, false, err
	}
	if first {
		m.FirstRetrievedAt, m.RetrievedLevel = &now, level
		if m.State == Bereitgestellt {
			m.State = Abgerufen
		}
	}
	return m, first, err
}

func affected(res sql.Result, err error) (bool, error) {
	if err != nil {
		return false, store.Classify(err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// MarkNotified records the e-mail notice of the provision and its address
// (OZG § 9 S. 6), as evidence; the notice job calls it. Only the first
// notice counts: § 41 Abs. 2a's ten days run from it.
func (s *Store) MarkNotified(ctx context.Context, id, addr string, at time.Time) error {
	return s.db.InTx(ctx, func(tx *sql.Tx) error {
		_, err := s.markNotifiedTx(ctx, tx, id, addr, at)
		return err
	})
}

// markNotifiedTx records the notice in tx; false: an earlier one counts.
func (s *Store) markNotifiedTx(ctx context.Context, tx *sql.Tx, id, addr string, at time.Time) (bool, error) {
	res, err := tx.ExecContext(ctx, `UPDATE postfach_messages SET notified_at = $1,
		notification_addr = $2 WHERE id = $3 AND notified_at IS NULL`, store.Micros(at), addr, id)
	if ok, err := affected(res, err); !ok || err != nil {
		return false, err
	}
	return true, s.recordTx(ctx, tx, audit.Event{Type: EventNotified, ActorKind: audit.ActorSystem,
		Subject: id, Time: at, Details: map[string]string{"address": addr}})
}

// Archive moves a message into (archived true) or out of the archive.
func (s *Store) Archive(ctx context.Context, accountID, id string, archived bool) error {
	var at any
	if archived {
		at = store.Micros(s.now())
	}
	res, err := s.db.ExecContext(ctx, `UPDATE postfach_messages SET archived_at = $1
		WHERE id = $2 AND account_id = $3 AND deleted_at IS NULL`, at, id, accountID)
	if ok, err := affected(res, err); err != nil || !ok {
		return orNotFound(err)
	}
	return nil
}

func orNotFound(err error) error {
	if err != nil {
		return err
	}
	return ErrNoMessage
}
