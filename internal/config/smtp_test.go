package config

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSMTPDefaults(t *testing.T) {
	c, err := load(t, nil, "--dev")
	require.NoError(t, err)
	require.Equal(t, SMTP{Port: 587, Security: "starttls", From: "MV-Serviceportal <noreply@localhost>"}, c.SMTP)
}

func TestSMTPSettings(t *testing.T) {
	env := map[string]string{"MVNK_SMTP_HOST": "mail.example", "MVNK_SMTP_PORT": "465", "MVNK_SMTP_SECURITY": "tls",
		"MVNK_SMTP_USERNAME": "portal", "MVNK_SMTP_PASSWORD": "geheim", "MVNK_MAIL_FROM": "Serviceportal <noreply@mv.example>"}
	c, err := load(t, env, "--dev")
	require.NoError(t, err)
	require.Equal(t, SMTP{Host: "mail.example", Port: 465, Security: "tls", Username: "portal", Password: "geheim",
		From: "Serviceportal <noreply@mv.example>"}, c.SMTP)

	c, err = load(t, map[string]string{"MVNK_SMTP_HOST": "localhost", "MVNK_SMTP_SECURITY": "none"}, "--dev")
	require.NoError(t, err, "none is fine for a relay on localhost")
	require.Equal(t, "none", c.SMTP.Security)
}

func TestBadSMTPSettingsNameTheSetting(t *testing.T) {
	cases := []struct {
		name    string
		env     map[string]string
		setting string
	}{
		{"port 0", map[string]string{"MVNK_SMTP_PORT": "0"}, "MVNK_SMTP_PORT"},
		{"port text", map[string]string{"MVNK_SMTP_PORT": "smtp"}, "MVNK_SMTP_PORT"},
		{"security", map[string]string{"MVNK_SMTP_SECURITY": "ssl"}, "MVNK_SMTP_SECURITY"},
		{"host with path", map[string]string{"MVNK_SMTP_HOST": "mail.example/587"}, "MVNK_SMTP_HOST"},
		{"host with port", map[string]string{"MVNK_SMTP_HOST": "mail.example:587"}, "MVNK_SMTP_HOST"},
		{"from", map[string]string{"MVNK_MAIL_FROM": "kein Absender"}, "MVNK_MAIL_FROM"},
		{"none remote", map[string]string{"MVNK_SMTP_HOST": "mail.example", "MVNK_SMTP_SECURITY": "none"}, "MVNK_SMTP_SECURITY"},
		{"user without password", map[string]string{"MVNK_SMTP_HOST": "mail.example", "MVNK_SMTP_USERNAME": "portal"}, "MVNK_SMTP_PASSWORD"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := load(t, tc.env, "--dev")
			var cerr *Error
			require.ErrorAs(t, err, &cerr)
			require.Equal(t, tc.setting, cerr.Setting)
		})
	}
}

func TestSMTPPasswordIsSecret(t *testing.T) {
	s, ok := find("smtp_password")
	require.True(t, ok)
	require.True(t, s.secret)
}
