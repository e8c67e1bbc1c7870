package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/internal/app"
)

// mvnkIn runs one command with stdin; it returns exit code, stdout, stderr.
func mvnkIn(t *testing.T, vars map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := app.Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return vars[k] }}
	return app.Run(context.Background(), args, e), out.String(), errOut.String()
}

type accountOut struct {
	ID             string   `json:"id"`
	Kind           string   `json:"kind"`
	Username       string   `json:"username"`
	State          string   `json:"state"`
	EmailVerified  bool     `json:"email_verified"`
	TrustLevel     int      `json:"trust_level"`
	PostfachHandle string   `json:"postfach_handle"`
	HasPassword    bool     `json:"has_password"`
	Roles          []string `json:"roles"`
}

func decodeAccount(t *testing.T, out string) accountOut {
	t.Helper()
	var a accountOut
	require.NoError(t, json.Unmarshal([]byte(out), &a), out)
	return a
}

func TestAccountCommandLifecycle(t *testing.T) {
	vars := devVars(t)
	code, out, errOut := mvnkIn(t, vars, "Ostseewind über Warnemünde\n", "account", "create", "--username", "erika",
		"--email", "erika@example.de", "--password-stdin", "--email-verified", "--json")
	require.Equal(t, 0, code, errOut)
	a := decodeAccount(t, out)
	require.Equal(t, "active", a.State)
	require.True(t, a.HasPassword && a.EmailVerified)
	require.Equal(t, 1, a.TrustLevel)
	require.NotContains(t, out, "argon2id", "the hash is never printed")

	code, out, _ = mvnkIn(t, vars, "", "account", "show", "ERIKA")
	require.Equal(t, 0, code)
	require.Contains(t, out, a.PostfachHandle)

	code, out, _ = mvnkIn(t, vars, "", "account", "list")
	require.Equal(t, 0, code)
	require.Contains(t, out, a.ID)

	code, out, _ = mvnkIn(t, vars, "", "account", "disable", a.ID)
	require.Equal(t, 0, code)
	require.Contains(t, out, "disabled")
	code, out, _ = mvnkIn(t, vars, "", "account", "show", a.ID, "--json")
	require.Equal(t, 0, code)
	require.Equal(t, "disabled", decodeAccount(t, out).State)

	code, out, _ = mvnkIn(t, vars, "", "account", "delete", a.ID)
	require.Equal(t, 0, code)
	require.Contains(t, out, `deleted: citizen account "erika" <erika@example.de>`)
	code, _, errOut = mvnkIn(t, vars, "", "account", "show", a.ID)
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "nicht gefunden")
}

func TestAccountCommandStaffAndPending(t *testing.T) {
	vars := devVars(t)
	code, out, errOut := mvnkIn(t, vars, "", "account", "create", "--staff", "--organisation", "LAGuS",
		"--role", "sachbearbeitung", "--role", "bescheid", "--username", "sb.meier", "--email", "meier@lagus.example", "--json")
	require.Equal(t, 0, code, errOut)
	s := decodeAccount(t, out)
	require.Equal(t, "staff", s.Kind)
	require.Equal(t, "pending", s.State, "no password yet")
	require.Equal(t, []string{"sachbearbeitung", "bescheid"}, s.Roles)
	require.Contains(t, errOut, "pending")

	code, _, errOut = mvnkIn(t, vars, "", "account", "create", "--staff", "--username", "x.y", "--email", "x@y.example")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "--staff needs --organisation")

	code, _, errOut = mvnkIn(t, vars, "passwort123\n", "account", "create", "--username", "neu", "--email", "neu@example.de", "--password-stdin")
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "Passwort abgelehnt")
	require.Equal(t, 1, strings.Count(errOut, "\n"), "one line: %q", errOut)

	code, _, errOut = mvnkIn(t, vars, "", "account", "create", "--username", "SB.Meier", "--email", "neu@example.de")
	require.Equal(t, 1, code)
	require.Contains(t, errOut, "username taken")

	code, _, errOut = mvnkIn(t, vars, "", "account", "frobnicate")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, "want `account create")
}
