package postfach

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"mvnk/audit"
	"mvnk/store"
	"mvnk/store/jobs"
)

// Errors of the store.
var (
	// ErrInvalid: Validate found problems; the *InvalidError has them.
	ErrInvalid = errors.New("postfach: invalid message")
	// ErrLevelTooLow: the session's trust level is below the message's.
	ErrLevelTooLow = errors.New("postfach: trust level too low for this message")
	// ErrBekanntgabePending: a Bescheid may not be deleted before its
	// Bekanntgabe is final (effective, or provision ended).
	ErrBekanntgabePending = errors.New("postfach: Bekanntgabe not yet final")
	// ErrNoMessage wraps store.ErrNotFound.
	ErrNoMessage = fmt.Errorf("%w: Nachricht nicht gefunden (no such message)", store.ErrNotFound)
	// ErrReplyNotAllowed: the sender did not allow replies to the message.
	ErrReplyNotAllowed = errors.New("postfach: replies to this message are not allowed")
	// ErrNoReply wraps store.ErrNotFound.
	ErrNoReply = fmt.Errorf("%w: Antwort nicht gefunden (no such reply)", store.ErrNotFound)
)

// InvalidError carries Validate's findings; errors.Is(err, ErrInvalid).
type InvalidError struct{ Fields []FieldError }

func (e *InvalidError) Error() string { return fmt.Sprintf("%v: %v", ErrInvalid, e.Fields) }
func (e *InvalidError) Unwrap() error { return ErrInvalid }

// AuditRecorder is audit.Log: evidence is written in the caller's
// transaction (OZG § 9 S. 5: the authority must prove provision and time).
type AuditRecorder interface {
	RecordTx(ctx context.Context, tx *sql.Tx, e audit.Event) error
}

// Audit event types of the Postfach (egov-standards.md §4.1 evidence).
const (
	EventProvided       = "postfach.provided"
	EventNotified       = "postfach.notified"
	EventRetrieved      = "postfach.retrieved"
	EventBekanntgegeben = "postfach.bekanntgegeben"
	EventNotRetrieved   = "postfach.not_retrieved"
	EventDeleted        = "postfach.deleted"
	EventReplyCreated   = "postfach.reply.created"
)

// EventQueue records a webhook event in the transaction of the change
// that caused it (*Webhooks does). A client without an endpoint, or not
// subscribed to the event, gets nothing and no error.
type EventQueue interface {
	Enqueue(ctx context.Context, ex jobs.Execer, clientID string, e WebhookEvent) error
}

var _ EventQueue = (*Webhooks)(nil)

// Store keeps messages, mailboxes, attachments and status timelines in
// the shared database (one SQL text for SQLite and PostgreSQL).
type Store struct {
	db     *store.DB
	sealer Sealer
	blobs  Blobs
	audit  AuditRecorder
	Now    func() time.Time // the clock; tests set it
	// Events receives the senders' webhook events (message.retrieved,
	// message.bekanntgegeben, message.not_retrieved, reply.created) in the
	// transaction of the change; nil: no events.
	Events EventQueue
	// Notices makes Create enqueue JobNotify (the e-mail notice of the
	// provision, OZG § 9 S. 6) when the mailbox wants notices. It needs
	// jobs.Migrations and a runner with Notifier.Notify for JobNotify.
	Notices bool
}

// NewStore returns the store on db. sealer is keys.NewSealer(masterKey);
// blobs nil means NewDBBlobs(db).
func NewStore(db *store.DB, sealer Sealer, blobs Blobs, rec AuditRecorder) *Store {
	s := &Store{db: db, sealer: sealer, blobs: blobs, audit: rec, Now: time.Now}
	if blobs == nil {
		b := NewDBBlobs(db)
		b.Now = func() time.Time { return s.Now() } // one clock for writes and the orphan sweep
		s.blobs = b
	}
	return s
}

// now is the clock truncated to the stored precision (microseconds, UTC).
func (s *Store) now() time.Time { return store.FromMicros(store.Micros(s.Now())) }

// enqueueEvent hands e for clientID to Events, if set, through tx.
func (s *Store) enqueueEvent(ctx context.Context, tx *sql.Tx, clientID string, e WebhookEvent) error {
	if s.Events == nil {
		return nil
	}
	return s.Events.Enqueue(ctx, tx, clientID, e)
}
