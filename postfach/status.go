package postfach

import (
	"context"
	"errors"
	"time"
	"unicode/utf8"

	"mvnk/store"
)

// Status is a ZBP application status (egov-standards.md §4.2).
type Status string

const (
	Initiated      Status = "INITIATED"
	Submitted      Status = "SUBMITTED"
	Received       Status = "RECEIVED"
	Processing     Status = "PROCESSING"
	ActionRequired Status = "ACTION_REQUIRED"
	Completed      Status = "COMPLETED"
)

// StatusTexts are the German labels the citizen's timeline shows.
var StatusTexts = map[Status]string{
	Initiated:      "Antrag begonnen",
	Submitted:      "Antrag abgeschickt",
	Received:       "Antrag eingegangen",
	Processing:     "In Bearbeitung",
	ActionRequired: "Handlung erforderlich",
	Completed:      "Abgeschlossen",
}

// StatusUpdate is one entry of a Vorgang's timeline.
type StatusUpdate struct {
	ID            string
	AccountID     string
	ApplicationID string
	Sender        Sender
	Service       string
	Status        Status
	Details       string // German text from the sender, ≤ 50 characters (ZBP)
	CreatedAt     time.Time
}

// Text is the German label of the update's status.
func (u StatusUpdate) Text() string { return StatusTexts[u.Status] }

// Validate checks a sender's status update.
func (u *StatusUpdate) Validate() []FieldError {
	var errs []FieldError
	if _, ok := StatusTexts[u.Status]; !ok {
		errs = append(errs, FieldError{Field: "status", Code: "unknown_status"})
	}
	if u.ApplicationID == "" {
		errs = append(errs, FieldError{Field: "application_id", Code: CodeRequired})
	}
	if utf8.RuneCountInString(u.Details) > 50 {
		errs = append(errs, FieldError{Field: "details", Code: CodeTooLong})
	}
	return errs
}

// ErrApplicationOfOtherSender: the Vorgang's timeline or messages in the
// mailbox come from another sender client; a client adds status only to
// its own Vorgänge.
var ErrApplicationOfOtherSender = errors.New("postfach: application belongs to another sender")

// AddStatus appends u to its Vorgang's timeline; it fills ID and CreatedAt.
// The Vorgang (account and application id) belongs to the client that
// first wrote status or a message for it: another client's update is
// ErrApplicationOfOtherSender, and nothing is stored.
func (s *Store) AddStatus(ctx context.Context, u *StatusUpdate) error {
	if errs := u.Validate(); errs != nil {
		return &InvalidError{Fields: errs}
	}
	u.ID, u.CreatedAt = store.NewID(), s.now()
	// One statement: the check and the insert can't be split by a writer
	// of this client, and a status of another client is never written.
	res, err := s.db.ExecContext(ctx, `INSERT INTO postfach_status (id, account_id, application_id,
		sender_client, sender_name, service, status, details, created_at)
		SELECT $1, $2, $3, $4, $5, $6, $7, $8, CAST($9 AS BIGINT)
		WHERE NOT EXISTS (SELECT 1 FROM postfach_status WHERE account_id = $2
			AND application_id = $3 AND sender_client <> $4)
		AND NOT EXISTS (SELECT 1 FROM postfach_messages WHERE account_id = $2
			AND application_id = $3 AND sender_client <> $4)`, u.ID, u.AccountID, u.ApplicationID,
		u.Sender.ClientID, u.Sender.Name, u.Service, u.Status, u.Details, store.Micros(u.CreatedAt))
	ok, err := affected(res, err)
	if err == nil && !ok {
		err = ErrApplicationOfOtherSender
	}
	return err
}

// Timeline returns the status updates of one Vorgang of the account,
// oldest first.
func (s *Store) Timeline(ctx context.Context, accountID, applicationID string) ([]StatusUpdate, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, sender_client, sender_name, service, status,
		details, created_at FROM postfach_status WHERE account_id = $1 AND application_id = $2
		ORDER BY created_at, id`, accountID, applicationID)
	if err != nil {
		return nil, store.Classify(err)
	}
	defer rows.Close()
	var list []StatusUpdate
	for rows.Next() {
		u := StatusUpdate{AccountID: accountID, ApplicationID: applicationID}
		var at int64
		if err := rows.Scan(&u.ID, &u.Sender.ClientID, &u.Sender.Name, &u.Service, &u.Status,
			&u.Details, &at); err != nil {
			return nil, err
		}
		u.CreatedAt = store.FromMicros(at)
		list = append(list, u)
	}
	return list, rows.Err()
}
