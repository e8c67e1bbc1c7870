package postfach

import (
	"database/sql"
	"encoding/base64"
	"time"

	"mvnk/store"
)

func encode(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func decode(s string) ([]byte, error) { return base64.RawURLEncoding.DecodeString(s) }

// messageColumns are the clear columns; the body is read only by Get.
const messageColumns = `id, account_id, handle, kind, subject, sender_client, sender_name,
	service, leika_id, reference, application_id, required_level, reply_allowed, reply_to,
	rule, opt_out, state, provided_at, notified_at, notification_addr, first_retrieved_at,
	retrieved_level, deemed_notified_at, provision_ended_at, archived_at, deleted_at, renewed_at`

type scanner interface{ Scan(dest ...any) error }

func scanMessage(row scanner, extra ...any) (*Message, error) {
	var m Message
	var provided int64
	var notified, retrieved, deemed, ended, archived, deleted, renewed sql.NullInt64
	dest := []any{&m.ID, &m.Mailbox.AccountID, &m.Mailbox.Handle, &m.Kind, &m.Subject,
		&m.Sender.ClientID, &m.Sender.Name, &m.Service, &m.LeikaID, &m.Reference,
		&m.ApplicationID, &m.RequiredLevel, &m.ReplyAllowed, &m.ReplyTo, &m.Rule, &m.OptOut,
		&m.State, &provided, &notified, &m.NotificationAddr, &retrieved, &m.RetrievedLevel,
		&deemed, &ended, &archived, &deleted, &renewed}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, store.Classify(err)
	}
	m.ProvidedAt = store.FromMicros(provided)
	m.NotifiedAt, m.FirstRetrievedAt = optTime(notified), optTime(retrieved)
	m.DeemedNotifiedAt, m.ProvisionEndedAt, m.ArchivedAt = optTime(deemed), optTime(ended), optTime(archived)
	m.DeletedAt, m.RenewedAt = optTime(deleted), optTime(renewed)
	return &m, nil
}

func optTime(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := store.FromMicros(v.Int64)
	return &t
}
