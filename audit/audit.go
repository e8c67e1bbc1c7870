// Package audit is the append-only log of security-relevant events
// (ARCHITECTURE.md, principle 5): logins, MFA changes, consents, token
// revocations, admin actions, account deletions. Every entry carries the
// hash of the one before it, so Verify (and `mvnk audit verify`) finds any
// edited, removed or reordered entry.
//
// The log never holds secrets. An Event has no field for a password, a
// token, a TOTP code or a recovery code, and Details must not carry one
// either: record that something happened and to whom, never the credential.
// For a failed login with an unknown user name, leave Actor empty rather
// than copying the input — people type passwords into the name field.
package audit

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"log/slog"
	"time"

	"mvnk/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Migrations creates audit_log and audit_head and their append-only triggers.
var Migrations = store.Migrations{Component: "audit", FS: migrationFS, Dir: "migrations"}

// Event types. Names are "object.verb" so a prefix selects a family.
const (
	LoginSuccess         = "login.success"
	LoginFailure         = "login.failure"
	MFATOTPEnrolled      = "mfa.totp.enrolled"
	MFATOTPRemoved       = "mfa.totp.removed"
	MFARecoveryRenewed   = "mfa.recovery_codes.regenerated"
	MFARecoveryUsed      = "mfa.recovery_code.used"
	MFAPasskeyAdded      = "mfa.passkey.added"
	MFAPasskeyRemoved    = "mfa.passkey.removed"
	SecondFactorFailure  = "login.second_factor.failure"
	ConsentGranted       = "consent.granted"
	ConsentRevoked       = "consent.revoked"
	TokenRevoked         = "token.revoked"
	AdminClientCreated   = "admin.client.created"
	AdminClientUpdated   = "admin.client.updated"
	AdminClientDeleted   = "admin.client.deleted"
	AdminKeysRotated     = "admin.keys.rotated"
	AdminAccountCreated  = "admin.account.created"
	AdminAccountDisabled = "admin.account.disabled"
	AdminAccountDeleted  = "admin.account.deleted"
	AccountDeleted       = "account.deleted"
)

// Actor kinds: who did it.
const (
	ActorAccount  = "account"
	ActorClient   = "client"
	ActorOperator = "operator" // a person at the command line or admin pages
	ActorSystem   = "system"   // mvnk itself, e.g. a clean-up job
)

// Event is one security-relevant happening. Only Type is required; Time
// defaults to now. Over-long fields are truncated (see limits.go), never
// refused: losing an audit entry is worse than shortening it.
type Event struct {
	Type      string            `json:"type"`
	Actor     string            `json:"actor,omitempty"`      // account id or client id
	ActorKind string            `json:"actor_kind,omitempty"` // Actor… constants
	ClientID  string            `json:"client_id,omitempty"`  // the OAuth client involved
	IP        string            `json:"ip,omitempty"`
	UserAgent string            `json:"user_agent,omitempty"`
	Subject   string            `json:"subject,omitempty"` // the object acted on
	Details   map[string]string `json:"details,omitempty"` // small, never secrets
	Time      time.Time         `json:"time"`
}

// Log appends to and reads the audit log.
type Log struct {
	db     *store.DB
	logger *slog.Logger
}

// lockClause locks the head row read for an append (see appendEntry).
func (l *Log) lockClause() string {
	if l.db.Dialect == store.Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// New returns the log on db.
func New(db *store.DB, logger *slog.Logger) *Log {
	return &Log{db: db, logger: logger}
}

// Record appends e in a transaction of its own.
func (l *Log) Record(ctx context.Context, e Event) error {
	return l.db.InTx(ctx, func(tx *sql.Tx) error { return l.RecordTx(ctx, tx, e) })
}

// RecordTx appends e inside the caller's transaction, so the event is
// committed exactly when the change it describes is. It locks the chain's
// head until that transaction ends, which serializes every audit write of
// the cluster: call it last, just before Commit, and keep the transaction
// short. Under REPEATABLE READ or SERIALIZABLE a concurrent append yields
// store.ErrConflict; retry the whole transaction.
func (l *Log) RecordTx(ctx context.Context, tx *sql.Tx, e Event) error {
	if e.Type == "" {
		return errors.New("audit: event without type")
	}
	e = l.clamp(e)
	seq, err := appendEntry(ctx, tx, e, l.lockClause())
	if err != nil {
		return err
	}
	l.logger.Debug("audit event recorded", "seq", seq, "type", e.Type)
	return nil
}
