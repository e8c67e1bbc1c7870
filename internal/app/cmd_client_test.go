package app_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-jose/go-jose/v4"
	"github.com/stretchr/testify/require"

	"mvnk/idp"
	"mvnk/internal/app"
)

// mvnk runs one command on the instance of vars; it returns the exit
// code, stdout and stderr.
func mvnk(t *testing.T, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	e, out, errOut := env(vars)
	code := app.Run(context.Background(), args, e)
	return code, out.String(), errOut.String()
}

func clientJSON(t *testing.T, out string) idp.ClientResource {
	t.Helper()
	var r idp.ClientResource
	require.NoError(t, json.Unmarshal([]byte(out), &r), out)
	return r
}

func TestClientCommandLifecycle(t *testing.T) {
	vars := devVars(t)
	code, out, errOut := mvnk(t, vars, "client", "create", "--json", "--name", "Antragsdienst",
		"--owner", "Landesamt", "--redirect-uri", "https://antrag.mv.example/cb",
		"--redirect-uri", "https://antrag.mv.example/cb2", "--grant-type", "authorization_code",
		"--grant-type", "refresh_token", "--scope", "openid", "--scope", "profile",
		"--access-token-lifetime", "15m", "--min-trust-level", "3", "--par")
	require.Equal(t, 0, code, errOut)
	c := clientJSON(t, out)
	require.Len(t, c.Secret, 43)
	require.Contains(t, errOut, "nur jetzt angezeigt")
	require.Equal(t, []string{"openid", "profile"}, c.Scopes)
	require.Equal(t, int64(900), c.AccessTokenLifetime)
	require.True(t, c.RequirePAR && c.RequirePKCE)
	require.Equal(t, "antrag.mv.example", c.SectorIdentifier)

	code, out, _ = mvnk(t, vars, "client", "show", c.ID, "--json")
	require.Equal(t, 0, code)
	require.NotContains(t, out, c.Secret, "the secret is never shown again")
	require.Empty(t, clientJSON(t, out).Secret)

	code, out, errOut = mvnk(t, vars, "client", "update", c.ID, "--name", "Neu", "--rotate-secret", "--eid-identifiers", "--json")
	require.Equal(t, 0, code, errOut)
	u := clientJSON(t, out)
	require.Equal(t, "Neu", u.Name)
	require.Equal(t, "Landesamt", u.Owner, "flags not given stay")
	require.Equal(t, 3, u.MinTrustLevel)
	require.True(t, u.EIDIdentifiers)
	require.NotEmpty(t, u.Secret)
	require.NotEqual(t, c.Secret, u.Secret)

	code, out, _ = mvnk(t, vars, "client", "list")
	require.Equal(t, 0, code)
	require.Contains(t, out, c.ID)
	require.Contains(t, out, "Neu")

	code, _, _ = mvnk(t, vars, "client", "delete", c.ID)
	require.Equal(t, 0, code)
	code, _, errOut = mvnk(t, vars, "client", "show", c.ID)
	require.Equal(t, 1, code)
	requireOneLine(t, errOut, "not found")

	// The operator's changes are in the audit log.
	code, out, _ = mvnk(t, vars, "audit", "list", "--json")
	require.Equal(t, 0, code)
	for _, kind := range []string{"admin.client.created", "admin.client.updated", "admin.client.deleted"} {
		require.Contains(t, out, `"type": "`+kind+`"`)
	}
	require.Contains(t, out, `"actor_kind": "operator"`)
}

// requireOneLine: the error is the last line of stderr (after any log
// lines of the first start), one line only.
func requireOneLine(t *testing.T, stderr, want string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	last := lines[len(lines)-1]
	require.True(t, strings.HasPrefix(last, "mvnk: "), stderr)
	require.Contains(t, last, want)
	require.Equal(t, 1, strings.Count(stderr, "mvnk: "), stderr)
}

func TestClientCommandErrors(t *testing.T) {
	vars := devVars(t)
	code, _, errOut := mvnk(t, vars, "client", "create", "--name", "x", "--redirect-uri", "http://evil.example/cb")
	require.Equal(t, 1, code)
	requireOneLine(t, errOut, "redirect_uris[0]: http ist nur für Loopback")

	code, _, errOut = mvnk(t, vars, "client", "create", "--name", "x", "--public", "--pkce=false", "--redirect-uri", "de.mv.app:/cb")
	require.Equal(t, 1, code)
	requireOneLine(t, errOut, "require_pkce")

	code, _, errOut = mvnk(t, vars, "client", "fly")
	require.Equal(t, 2, code)
	requireOneLine(t, errOut, "client create")
	code, _, errOut = mvnk(t, vars, "client", "show")
	require.Equal(t, 2, code)
	requireOneLine(t, errOut, "needs the client id")
	code, _, errOut = mvnk(t, vars, "client", "update", "nope", "--name", "x")
	require.Equal(t, 1, code)
	requireOneLine(t, errOut, "not found")
}

// Text output shows the secret once, with the warning; a public native
// client gets none; private_key_jwt takes the keys from a file.
func TestClientCommandTextPublicAndJWKS(t *testing.T) {
	vars := devVars(t)
	code, out, errOut := mvnk(t, vars, "client", "create", "--name", "Dienst", "--redirect-uri", "https://d.mv.example/cb")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "client_secret:")
	require.Contains(t, errOut, "nicht wiederherstellbar")

	code, out, errOut = mvnk(t, vars, "client", "create", "--json", "--name", "App", "--public", "--redirect-uri", "de.mv.app:/cb")
	require.Equal(t, 0, code, errOut)
	app := clientJSON(t, out)
	require.Empty(t, app.Secret)
	require.Equal(t, idp.AuthNone, app.AuthMethod)
	require.NotContains(t, errOut, "Secret", "no secret, no warning")

	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	raw, err := json.Marshal(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: priv.Public(), KeyID: "fv-1", Algorithm: "ES256"}}})
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "jwks.json")
	require.NoError(t, os.WriteFile(file, raw, 0o600))
	code, out, errOut = mvnk(t, vars, "client", "create", "--json", "--name", "Fachverfahren",
		"--grant-type", "client_credentials", "--scope", "postfach.send",
		"--auth-method", "private_key_jwt", "--jwks-file", file)
	require.Equal(t, 0, code, errOut)
	fv := clientJSON(t, out)
	require.Empty(t, fv.Secret)
	require.Equal(t, "fv-1", fv.JWKS.Keys[0].KeyID)
}

// --postfach-sender registers the Behörden a client may send Postfach
// messages as; update replaces the list, "" clears it (back to the
// owner); show lists them; invalid names are refused; each change is
// audited with the names.
func TestClientCommandPostfachSenders(t *testing.T) {
	vars := devVars(t)
	code, out, errOut := mvnk(t, vars, "client", "create", "--json", "--name", "Fachverfahren", "--owner", "Landesamt",
		"--grant-type", "client_credentials", "--scope", "postfach.send",
		"--postfach-sender", "Landkreis Rostock", "--postfach-sender", "Hansestadt Rostock, Bürgeramt")
	require.Equal(t, 0, code, errOut)
	c := clientJSON(t, out)
	require.Equal(t, []string{"Landkreis Rostock", "Hansestadt Rostock, Bürgeramt"}, c.PostfachSenders)

	code, out, _ = mvnk(t, vars, "client", "show", c.ID)
	require.Equal(t, 0, code)
	require.Contains(t, out, `postfach_senders:`)
	require.Contains(t, out, `"Landkreis Rostock", "Hansestadt Rostock, Bürgeramt"`)

	code, out, errOut = mvnk(t, vars, "client", "update", c.ID, "--json", "--postfach-sender", "Stadt Wismar")
	require.Equal(t, 0, code, errOut)
	require.Equal(t, []string{"Stadt Wismar"}, clientJSON(t, out).PostfachSenders, "update replaces the list")

	code, _, errOut = mvnk(t, vars, "client", "update", c.ID, "--postfach-sender", "Stadt\tWismar")
	require.Equal(t, 1, code)
	requireOneLine(t, errOut, "postfach_senders[0]")

	code, out, errOut = mvnk(t, vars, "client", "update", c.ID, "--postfach-sender", "")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, `"Landesamt" (owner)`, "no list: the owner")

	code, out, _ = mvnk(t, vars, "audit", "list", "--json")
	require.Equal(t, 0, code)
	require.Contains(t, out, `"postfach_senders": "\"Stadt Wismar\""`)
	require.Contains(t, out, "nur als Owner")
}

// --scope postfach registers the scope that releases postfach_handle.
func TestClientCommandScopePostfach(t *testing.T) {
	vars := devVars(t)
	code, out, errOut := mvnk(t, vars, "client", "create", "--json", "--name", "Wohngeld",
		"--redirect-uri", "https://wohngeld.mv.example/cb", "--scope", "openid", "--scope", "postfach")
	require.Equal(t, 0, code, errOut)
	require.Equal(t, []string{"openid", "postfach"}, clientJSON(t, out).Scopes)
}
