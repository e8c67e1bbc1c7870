package postfach

import (
	"context"
	"errors"

	"mvnk/store"
)

// Settings are a citizen's choices for the Postfach.
type Settings struct {
	NotifyEmail bool // an e-mail notice (without content) on new messages
	// OptOutElectronic excludes electronic Bekanntgabe (OZG § 9 S. 2);
	// senders see it and use another channel for Bescheide.
	OptOutElectronic bool
}

// DefaultSettings: notices on, electronic Bekanntgabe accepted (OZG § 9
// S. 2: consent is deemed given unless excluded).
var DefaultSettings = Settings{NotifyEmail: true}

// Settings returns the mailbox's settings, the defaults for a mailbox
// that has no row yet.
func (s *Store) Settings(ctx context.Context, accountID string) (Settings, error) {
	return s.settingsWhere(ctx, "account_id", accountID)
}

// SettingsByHandle is Settings for a sender, who knows only the handle.
func (s *Store) SettingsByHandle(ctx context.Context, handle string) (Settings, error) {
	return s.settingsWhere(ctx, "handle", handle)
}

func (s *Store) settingsWhere(ctx context.Context, column, value string) (Settings, error) {
	var st Settings
	err := s.db.QueryRowContext(ctx, `SELECT notify_email, opt_out_electronic FROM postfach_mailboxes
		WHERE `+column+` = $1`, value).Scan(&st.NotifyEmail, &st.OptOutElectronic)
	if errors.Is(store.Classify(err), store.ErrNotFound) {
		return DefaultSettings, nil
	}
	return st, store.Classify(err)
}

// SaveSettings stores the citizen's settings, creating the mailbox (and
// its data key) if needed. The opt-out applies to Bescheide provided later.
func (s *Store) SaveSettings(ctx context.Context, mb Mailbox, st Settings) error {
	if _, err := s.ensureMailbox(ctx, mb); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `UPDATE postfach_mailboxes SET notify_email = $1,
		opt_out_electronic = $2, updated_at = $3 WHERE account_id = $4`,
		st.NotifyEmail, st.OptOutElectronic, store.Micros(s.now()), mb.AccountID)
	return store.Classify(err)
}
