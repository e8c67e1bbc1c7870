package postfach

import (
	"context"
	"strconv"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"mvnk/eid/trust"
	"mvnk/store"
)

// Filter selects messages of one mailbox for the inbox.
type Filter struct {
	Kind          Kind
	Sender        string // sender display name, exact
	ApplicationID string
	// Query searches subject, sender name and reference (case-insensitive
	// substring). Bodies are encrypted and never searched (doc.go).
	Query string
	// Level is the reader's session level. Search and the Vorgang filter
	// look into the subject, reference and application id only of
	// messages at or below it, so a search can't reveal anything of a
	// message the session may not read (it shows only sender, kind and
	// date). Zero: level 1.
	Level    trust.Level
	Archived bool // the archive instead of the inbox
	Limit    int  // default 20, at most 100
	After    *Cursor
}

// Cursor is the keyset position after the last message of a page: the
// inbox is sorted newest first by (provided_at, id).
type Cursor struct {
	ProvidedAt int64
	ID         string
}

// Page is one page of an inbox; Next is nil on the last page.
type Page struct {
	Messages []*Message
	Next     *Cursor
}

// List returns one page of the account's messages, newest first, without
// bodies and attachments.
func (s *Store) List(ctx context.Context, accountID string, f Filter) (*Page, error) {
	limit := f.Limit
	if limit <= 0 || limit > 100 {
		limit = 20
	}
	where, args := f.where(accountID)
	args = append(args, limit+1)
	rows, err := s.db.QueryContext(ctx, `SELECT `+messageColumns+` FROM postfach_messages WHERE `+
		where+` ORDER BY provided_at DESC, id DESC LIMIT $`+strconv.Itoa(len(args)), args...)
	if err != nil {
		return nil, store.Classify(err)
	}
	defer rows.Close()
	page := &Page{}
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, err
		}
		page.Messages = append(page.Messages, m)
	}
	if len(page.Messages) > limit {
		page.Messages = page.Messages[:limit]
		last := page.Messages[limit-1]
		page.Next = &Cursor{ProvidedAt: store.Micros(last.ProvidedAt), ID: last.ID}
	}
	return page, rows.Err()
}

// where builds the filter's conditions with numbered placeholders.
func (f Filter) where(accountID string) (string, []any) {
	conds, args := []string{"account_id = $1", "deleted_at IS NULL"}, []any{accountID}
	add := func(cond string, vals ...any) {
		for _, v := range vals {
			args = append(args, v)
			cond = strings.Replace(cond, "?", "$"+strconv.Itoa(len(args)), 1)
		}
		conds = append(conds, cond)
	}
	if f.Archived {
		add("archived_at IS NOT NULL")
	} else {
		add("archived_at IS NULL")
	}
	if f.Kind != "" {
		add("kind = ?", string(f.Kind))
	}
	if f.Sender != "" {
		add("sender_name = ?", f.Sender)
	}
	level := int(max(f.Level, trust.Basis))
	if f.ApplicationID != "" {
		add("application_id = ? AND required_level <= ?", f.ApplicationID, level)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		p := "%" + escapeLike(strings.ToLower(q)) + "%"
		add(`(LOWER(sender_name) LIKE ? ESCAPE '\' OR (required_level <= ?
			AND (LOWER(subject) LIKE ? ESCAPE '\' OR LOWER(reference) LIKE ? ESCAPE '\')))`, p, level, p, p)
	}
	if f.After != nil {
		add("(provided_at < ? OR (provided_at = ? AND id < ?))", f.After.ProvidedAt, f.After.ProvidedAt, f.After.ID)
	}
	return strings.Join(conds, " AND "), args
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

func escapeLike(s string) string { return likeEscaper.Replace(s) }

// Unread counts the account's unopened messages in the inbox.
func (s *Store) Unread(ctx context.Context, accountID string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM postfach_messages WHERE account_id = $1
		AND first_retrieved_at IS NULL AND archived_at IS NULL AND deleted_at IS NULL`, accountID).Scan(&n)
	return n, store.Classify(err)
}

// ListByApplication returns the messages clientID delivered for one
// Vorgang, oldest first, without bodies; those the citizen deleted too.
func (s *Store) ListByApplication(ctx context.Context, clientID, applicationID string) ([]*Message, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+messageColumns+` FROM postfach_messages
		WHERE sender_client = $1 AND application_id = $2 ORDER BY provided_at, id`, clientID, applicationID)
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

// Senders lists the sender names the account's mailbox has received
// from, in German alphabetical order, for the inbox filter.
func (s *Store) Senders(ctx context.Context, accountID string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT sender_name FROM postfach_mailbox_senders
		WHERE account_id = $1`, accountID)
	if err != nil {
		return nil, store.Classify(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	// Sorted here, not by ORDER BY: the databases' collations differ.
	collate.New(language.German).SortStrings(names)
	return names, rows.Err()
}
