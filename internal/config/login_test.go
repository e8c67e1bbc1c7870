package config

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestLoginDefaults(t *testing.T) {
	c, err := load(t, nil, "--dev")
	require.NoError(t, err)
	require.Equal(t, Login{PasswordMemoryKiB: 19456, PasswordTime: 2, PasswordThreads: 1, AccountFree: 5, IPFree: 50,
		MaxDelay: 15 * time.Minute, SessionIdle: 30 * time.Minute, SessionAbsolute: 12 * time.Hour}, c.Login)
}

func TestLoginSettings(t *testing.T) {
	env := map[string]string{"MVNK_PASSWORD_MEMORY": "65536", "MVNK_PASSWORD_TIME": "3", "MVNK_PASSWORD_THREADS": "4",
		"MVNK_LOGIN_ACCOUNT_FREE": "3", "MVNK_LOGIN_IP_FREE": "100", "MVNK_LOGIN_MAX_DELAY": "1h",
		"MVNK_SESSION_IDLE": "15m", "MVNK_SESSION_ABSOLUTE": "8h"}
	c, err := load(t, env, "--dev")
	require.NoError(t, err)
	require.Equal(t, Login{PasswordMemoryKiB: 65536, PasswordTime: 3, PasswordThreads: 4, AccountFree: 3, IPFree: 100,
		MaxDelay: time.Hour, SessionIdle: 15 * time.Minute, SessionAbsolute: 8 * time.Hour}, c.Login)
}

func TestBadLoginSettingsNameTheSetting(t *testing.T) {
	for env, value := range map[string]string{"MVNK_PASSWORD_MEMORY": "1024", "MVNK_PASSWORD_TIME": "0",
		"MVNK_PASSWORD_THREADS": "zwei", "MVNK_LOGIN_ACCOUNT_FREE": "-1", "MVNK_SESSION_IDLE": "30"} {
		t.Run(env, func(t *testing.T) {
			_, err := load(t, map[string]string{env: value}, "--dev")
			var cerr *Error
			require.ErrorAs(t, err, &cerr)
			require.Equal(t, env, cerr.Setting)
		})
	}
}
