package postfach

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"mvnk/audit"
	"mvnk/store"
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
)

// Store keeps messages, mailboxes, attachments and status timelines in
// the shared database (one SQL text for SQLite and PostgreSQL).
type Store struct {
	db     *store.DB
	sealer Sealer
	blobs  Blobs
	audit  AuditRecorder
	Now    func() time.Time // the clock; tests set it
}

// NewStore returns the store on db. sealer is keys.NewSealer(masterKey);
// blobs nil means NewDBBlobs(db).
func NewStore(db *store.DB, sealer Sealer, blobs Blobs, rec AuditRecorder) *Store {
	if blobs == nil {
		blobs = NewDBBlobs(db)
	}
	return &Store{db: db, sealer: sealer, blobs: blobs, audit: rec, Now: time.Now}
}

// now is the clock truncated to the stored precision (microseconds, UTC).
func (s *Store) now() time.Time { return store.FromMicros(store.Micros(s.Now())) }
