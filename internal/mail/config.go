package mail

import (
	"log/slog"

	"mvnk/internal/config"
	"mvnk/store"
)

// CheckConfig reports the start error of an instance that could send no
// mail: outside --dev an SMTP server is required. (The config package
// checks each SMTP setting and their combinations itself.)
func CheckConfig(c *config.Config) error {
	if c.SMTP.Host == "" && !c.Dev {
		return &config.Error{Setting: "MVNK_SMTP_HOST", Msg: "required outside --dev (mail for registration and notifications)"}
	}
	return nil
}

// NewSender picks the sender the configuration asks for: the SMTP server
// when MVNK_SMTP_HOST is set, else in dev mode the dev mailbox, which it
// also returns so its pages can be mounted (nil when SMTP is used).
func NewSender(c *config.Config, db *store.DB, logger *slog.Logger) (Sender, *DevMailbox, error) {
	if err := CheckConfig(c); err != nil {
		return nil, nil, err
	}
	if c.SMTP.Host == "" {
		logger.Info("mail: no SMTP server; mail goes to the dev mailbox at /dev/mail and the log")
		box := NewDevMailbox(db, logger)
		return box, box, nil
	}
	s, err := NewSMTPSender(SMTPConfig{
		Host: c.SMTP.Host, Port: c.SMTP.Port, Security: Security(c.SMTP.Security),
		Username: c.SMTP.Username, Password: c.SMTP.Password, From: c.SMTP.From,
	})
	if err != nil {
		return nil, nil, &config.Error{Setting: "MVNK_SMTP_HOST", Msg: err.Error()}
	}
	logger.Info("mail: SMTP", "host", c.SMTP.Host, "port", c.SMTP.Port, "security", c.SMTP.Security,
		"auth", c.SMTP.Username != "", "from", c.SMTP.From)
	return s, nil, nil
}
