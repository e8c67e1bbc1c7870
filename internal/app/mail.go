package app

import (
	"net/http"
	"time"

	"mvnk/internal/mail"
)

// buildMail creates the outbox every component queues mail in, delivered
// by the job runner with retries. Without an SMTP server a development
// instance keeps mail in the dev mailbox (/dev/mail) instead.
func (m *Main) buildMail(pages *http.ServeMux) error {
	sender, devBox, err := mail.NewSender(m.Config, m.DB, m.Logger)
	if err != nil {
		return err
	}
	m.Mail = mail.NewOutbox(m.DB, sender, m.Logger)
	m.Jobs.Handle(mail.JobSend, m.Mail.Deliver)
	m.Jobs.Every(mail.JobPurge, 24*time.Hour, m.Mail.Purge)
	if devBox == nil {
		return nil
	}
	if err := devBox.AddPages(m.Portal); err != nil {
		return &StartError{Err: err}
	}
	devBox.Mount(pages)
	return nil
}
