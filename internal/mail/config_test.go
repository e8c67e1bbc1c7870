package mail_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/internal/config"
	"mvnk/internal/mail"
	"mvnk/store"
	"mvnk/store/storetest"
)

func TestSenderFromConfig(t *testing.T) {
	db := storetest.Open(t, store.SQLite, migrations...)
	smtp := config.SMTP{Host: "mail.example", Port: 587, Security: "starttls", From: "MV-Serviceportal <noreply@mv.example>"}

	_, _, err := mail.NewSender(&config.Config{}, db, quiet)
	var cerr *config.Error
	require.ErrorAs(t, err, &cerr, "outside --dev an SMTP server is required")
	require.Equal(t, "MVNK_SMTP_HOST", cerr.Setting)
	require.ErrorAs(t, mail.CheckConfig(&config.Config{}), &cerr)

	s, box, err := mail.NewSender(&config.Config{Dev: true}, db, quiet)
	require.NoError(t, err)
	require.NotNil(t, box, "--dev without SMTP: the dev mailbox")
	require.Same(t, box, s)

	s, box, err = mail.NewSender(&config.Config{SMTP: smtp}, db, quiet)
	require.NoError(t, err)
	require.Nil(t, box)
	require.IsType(t, &mail.SMTPSender{}, s)

	s, box, err = mail.NewSender(&config.Config{Dev: true, SMTP: smtp}, db, quiet)
	require.NoError(t, err, "--dev with an SMTP server (e.g. Mailpit) uses it")
	require.Nil(t, box)
	require.IsType(t, &mail.SMTPSender{}, s)
}
