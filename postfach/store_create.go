package postfach

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"mvnk/audit"
	"mvnk/eid/trust"
	"mvnk/store"
	"mvnk/store/jobs"
)

// CreateOptions are the sender's extras to Create.
type CreateOptions struct {
	// IdempotencyKey (the Idempotency-Key header): a retry by the same
	// client with the same key and the same content returns the first
	// message's id; other content is ErrIdempotencyKeyReused.
	IdempotencyKey string
	// Enqueue runs in Create's transaction after the message is written,
	// so the e-mail notice and webhook jobs commit with it or not at all.
	Enqueue func(tx *sql.Tx, m *Message) error
}

// Create validates and stores m with its attachments, in one transaction
// with the audit evidence of its provision and, with Store.Notices and
// the mailbox's NotifyEmail, the JobNotify job of its e-mail notice. It fills m.ID, the attachment
// ids, State and ProvidedAt. created is false when IdempotencyKey found
// an earlier message of the same content (contentHash); then only its id
// is returned and nothing is stored. The same key with other content is
// ErrIdempotencyKeyReused, and nothing is stored either.
func (s *Store) Create(ctx context.Context, m *Message, opts CreateOptions) (id string, created bool, err error) {
	setDefaults(m)
	if errs := m.Validate(); errs != nil {
		return "", false, &InvalidError{Fields: errs}
	}
	hash := contentHash(m)
	if id, err := s.idempotent(ctx, m.Sender.ClientID, opts.IdempotencyKey, hash); err == nil {
		return id, false, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return "", false, err
	}
	key, err := s.ensureMailbox(ctx, m.Mailbox)
	if err != nil {
		return "", false, err
	}
	m.ID, m.State, m.ProvidedAt = store.NewID(), Bereitgestellt, s.now()
	if err := s.putAttachments(ctx, key, m.Attachments); err != nil {
		return "", false, err
	}
	err = s.db.InTx(ctx, func(tx *sql.Tx) error { return s.insert(ctx, tx, key, m, opts, hash) })
	if err == nil {
		return m.ID, true, nil
	}
	s.dropBlobs(ctx, m.Attachments)
	if errors.Is(err, store.ErrConflict) { // a concurrent retry with the same key won the race
		id, lookErr := s.idempotent(ctx, m.Sender.ClientID, opts.IdempotencyKey, hash)
		if lookErr == nil {
			return id, false, nil
		}
		if errors.Is(lookErr, ErrIdempotencyKeyReused) {
			return "", false, lookErr
		}
	}
	return "", false, err
}

// setDefaults: level 1 (issue: "default 1"); a Bescheid without a rule
// follows OZG § 9, the rule of a Nutzerkonto-Postfach; others have none.
func setDefaults(m *Message) {
	if m.RequiredLevel == 0 {
		m.RequiredLevel = trust.Basis
	}
	if m.Rule == "" {
		m.Rule = RuleNone
		if m.Kind == Bescheid {
			m.Rule = RuleOZG9
		}
	}
}

// putAttachments stores the encrypted contents before the transaction:
// the file store cannot join it. A failed Create removes them again.
func (s *Store) putAttachments(ctx context.Context, key mailboxKey, list []Attachment) error {
	for i := range list {
		list[i].ID = store.NewID()
		list[i].Size = int64(len(list[i].Content))
		if err := s.blobs.Put(ctx, list[i].ID, key.seal(list[i].Content, list[i].ID)); err != nil {
			s.dropBlobs(ctx, list[:i])
			return err
		}
	}
	return nil
}

func (s *Store) dropBlobs(ctx context.Context, list []Attachment) {
	for _, a := range list {
		_ = s.blobs.Delete(context.WithoutCancel(ctx), a.ID)
	}
}

func (s *Store) insert(ctx context.Context, tx *sql.Tx, key mailboxKey, m *Message, opts CreateOptions, hash string) error {
	// The opt-out in force now applies to this message (OZG § 9 S. 2):
	// a later change of the setting does not change it.
	var notify bool
	err := tx.QueryRowContext(ctx, `SELECT opt_out_electronic, notify_email FROM postfach_mailboxes
		WHERE account_id = $1`, m.Mailbox.AccountID).Scan(&m.OptOut, &notify)
	if err != nil {
		return store.Classify(err)
	}
	if err := ownApplication(ctx, tx, m); err != nil {
		return err
	}
	if err := insertMessage(ctx, tx, key, m, opts.IdempotencyKey, hash); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO postfach_mailbox_senders (account_id, sender_name)
		VALUES ($1, $2) ON CONFLICT DO NOTHING`, m.Mailbox.AccountID, m.Sender.Name); err != nil {
		return store.Classify(err)
	}
	if err := insertAttachments(ctx, tx, m); err != nil {
		return err
	}
	// OZG § 9 Abs. 1 S. 6: the notice of a Bescheid's provision is the
	// authority's duty, so it goes out whatever the citizen chose for
	// other messages; it goes out on the day of provision.
	if s.Notices && (notify || m.Delivery().Rule != RuleNone) {
		err := jobs.Enqueue(ctx, tx, jobs.Job{Kind: JobNotify, Payload: m.ID, UniqueKey: JobNotify + ":" + m.ID})
		if err != nil {
			return err
		}
	}
	if opts.Enqueue != nil {
		if err := opts.Enqueue(tx, m); err != nil {
			return err
		}
	}
	return s.recordTx(ctx, tx, providedEvent(m))
}

func insertMessage(ctx context.Context, tx *sql.Tx, key mailboxKey, m *Message, idem, hash string) error {
	var idemKey, idemHash any
	if idem != "" {
		idemKey, idemHash = idem, hash
	}
	body := encode(key.seal([]byte(m.Body), m.ID))
	_, err := tx.ExecContext(ctx, `INSERT INTO postfach_messages (id, account_id, handle, kind,
		subject, body, sender_client, sender_name, service, leika_id, reference, application_id,
		required_level, reply_allowed, reply_to, rule, opt_out, state, idempotency_key, idempotency_hash,
		provided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
		$18, $19, $20, $21)`,
		m.ID, m.Mailbox.AccountID, m.Mailbox.Handle, m.Kind, m.Subject, body, m.Sender.ClientID,
		m.Sender.Name, m.Service, m.LeikaID, m.Reference, m.ApplicationID, m.RequiredLevel,
		m.ReplyAllowed, m.ReplyTo, m.Rule, m.OptOut, m.State, idemKey, idemHash, store.Micros(m.ProvidedAt))
	return store.Classify(err)
}

func insertAttachments(ctx context.Context, tx *sql.Tx, m *Message) error {
	for i, a := range m.Attachments {
		_, err := tx.ExecContext(ctx, `INSERT INTO postfach_attachments (id, message_id, position,
			filename, media_type, size, sha512) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			a.ID, m.ID, i, a.Filename, a.MediaType, a.Size, a.SHA512)
		if err != nil {
			return store.Classify(err)
		}
	}
	return nil
}

// providedEvent is the evidence of Bereitstellung and its time (OZG § 9 S. 5).
func providedEvent(m *Message) audit.Event {
	return audit.Event{Type: EventProvided, Actor: m.Sender.ClientID, ActorKind: audit.ActorClient,
		ClientID: m.Sender.ClientID, Subject: m.ID, Time: m.ProvidedAt, Details: map[string]string{
			"account": m.Mailbox.AccountID, "kind": string(m.Kind), "rule": string(m.Rule),
			"opt_out": strconv.FormatBool(m.OptOut), "attachments": strconv.Itoa(len(m.Attachments))}}
}

func (s *Store) recordTx(ctx context.Context, tx *sql.Tx, e audit.Event) error {
	if s.audit == nil {
		return nil
	}
	return s.audit.RecordTx(ctx, tx, e)
}

// ownApplication: the messages of a Vorgang come only from the client
// that opened it with its first status or message, as its status does
// (AddStatus); another client's message is ErrApplicationOfOtherSender.
// As every message and status of a Vorgang has one client, one row of
// each tells who owns it (an index lookup, however many messages).
func ownApplication(ctx context.Context, tx *sql.Tx, m *Message) error {
	if m.ApplicationID == "" {
		return nil
	}
	for _, table := range []string{"postfach_messages", "postfach_status"} {
		var owner string
		err := tx.QueryRowContext(ctx, `SELECT sender_client FROM `+table+`
			WHERE account_id = $1 AND application_id = $2 LIMIT 1`, m.Mailbox.AccountID, m.ApplicationID).Scan(&owner)
		if err = store.Classify(err); errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if owner != m.Sender.ClientID {
			return ErrApplicationOfOtherSender
		}
	}
	return nil
}
