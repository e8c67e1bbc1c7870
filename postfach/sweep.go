package postfach

import (
	"context"
	"database/sql"
	"time"

	"mvnk/audit"
	"mvnk/store"
)

// Service is the Postfach's domain logic on its Store, with the calendar
// the Bekanntgabe rules count in.
type Service struct {
	*Store
	Loc *time.Location // Europe/Berlin unless a test sets another
}

// NewService returns the service on st.
func NewService(st *Store) *Service { return &Service{Store: st, Loc: Berlin()} }

// Webhook event types a sweep produces (the sender is told).
const (
	WebhookBekanntgegeben = "message.bekanntgegeben"
	WebhookNotRetrieved   = "message.not_retrieved"
)

// SweepEvent is one Bescheid whose Bekanntgabe took effect or whose
// provision ended; its webhook to Sender is queued already (Store.Events).
type SweepEvent struct {
	Type          string // Webhook… constants
	MessageID     string
	Sender        Sender
	ApplicationID string
	At            time.Time // deemed notified day, or end of provision
}

// Sweep is the periodic job: it marks every pending Bescheid whose
// Bekanntgabe is effective at now, or whose § 41 (2a) provision ended
// unretrieved, writes that to the audit log as evidence, queues the
// sender's webhook (Store.Events) and returns the events. Each message is
// settled in its own transaction with a conditional UPDATE, so sweeps on
// several nodes report it once.
func (s *Service) Sweep(ctx context.Context, now time.Time) ([]SweepEvent, error) {
	pending, err := s.pendingBescheide(ctx)
	if err != nil {
		return nil, err
	}
	var events []SweepEvent
	for _, m := range pending {
		ev, ok := s.due(m, now)
		if !ok {
			continue
		}
		settled, err := s.settle(ctx, m, ev)
		if err != nil {
			return events, err
		}
		if settled {
			events = append(events, ev)
		}
	}
	return events, nil
}

func (s *Service) pendingBescheide(ctx context.Context) ([]*Message, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+messageColumns+` FROM postfach_messages
		WHERE kind = 'Bescheid' AND rule <> 'none' AND opt_out = FALSE
		AND state IN ('bereitgestellt', 'abgerufen') ORDER BY provided_at, id`)
	if err != nil {
		return nil, store.Classify(err)
	}
	defer rows.Close()
	var list []*Message
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, m)
	}
	return list, rows.Err()
}

// due decides what, if anything, happened to m by now.
func (s *Service) due(m *Message, now time.Time) (SweepEvent, bool) {
	d := m.Delivery()
	ev := SweepEvent{MessageID: m.ID, Sender: m.Sender, ApplicationID: m.ApplicationID}
	if at := d.DeemedNotifiedAt(s.Loc); at != nil && !now.Before(*at) {
		ev.Type, ev.At = WebhookBekanntgegeben, at.UTC()
		return ev, true
	}
	end := d.ProvisionEndsAt(s.Loc)
	// A retrieval at or after the end (stored before MarkRetrieved refused
	// to record one) does not count, as in DeemedNotifiedAt.
	if d.Rule == RuleVwVfG41_2a && !d.retrievedInTime(s.Loc) && !now.Before(end) {
		ev.Type, ev.At = WebhookNotRetrieved, end.UTC()
		return ev, true
	}
	return ev, false
}

func (s *Service) settle(ctx context.Context, m *Message, ev SweepEvent) (settled bool, err error) {
	state, column, auditType := Bekanntgegeben, "deemed_notified_at", EventBekanntgegeben
	if ev.Type == WebhookNotRetrieved {
		state, column, auditType = NichtAbgerufen, "provision_ended_at", EventNotRetrieved
	}
	err = s.db.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE postfach_messages SET state = $1, `+column+` = $2
			WHERE id = $3 AND state IN ('bereitgestellt', 'abgerufen')`, state, store.Micros(ev.At), m.ID)
		if settled, err = affected(res, err); !settled || err != nil {
			return err
		}
		err = s.recordTx(ctx, tx, audit.Event{Type: auditType, ActorKind: audit.ActorSystem,
			ClientID: m.Sender.ClientID, Subject: m.ID, Details: map[string]string{
				"rule": string(m.Rule), "at": ev.At.Format(time.RFC3339)}})
		if err != nil {
			return err
		}
		return s.enqueueEvent(ctx, tx, m.Sender.ClientID, WebhookEvent{Type: ev.Type,
			MessageID: m.ID, ApplicationID: m.ApplicationID, OccurredAt: ev.At})
	})
	return settled && err == nil, err
}

// JobSweep is the periodic job of Service.SweepJob (hourly is enough: the
// rules count whole days, and a late run marks the same day).
const JobSweep = "postfach.sweep"

// SweepJob is the handler of JobSweep: Sweep at the store's clock. The
// senders learn of each settled Bescheid by webhook (Store.Events).
func (s *Service) SweepJob(ctx context.Context, _ string) error {
	_, err := s.Sweep(ctx, s.Store.Now())
	return err
}
