package app_test

import (
	"context"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/internal/app"
)

// A Fachverfahren with a client-credentials token of this IdP delivers a
// Bescheid with a PDF into a citizen's Postfach by its handle and reads
// its delivery status; without the scope it is refused.
func TestFachverfahrenSendsBescheid(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	createAccount(t, vars, "erika", "erika@example.de")
	handle := postfachHandle(t, vars, "erika")
	fv := fachverfahren(t, vars, n, "Landkreis Vorpommern-Greifswald")

	body := messageJSON(handle, []byte("%PDF-1.7\n% Bescheid über Wohngeld\n"), map[string]any{"kind": "Bescheid",
		"subject": "Ihr Wohngeldbescheid", "required_level": 4, "bekanntgabe_rule": "ozg9"})
	code, answer := apiCall(t, fv, http.MethodPost, n.url+"/api/postfach/v1/messages", body, "Idempotency-Key", "wg-4711-1")
	require.Equal(t, http.StatusCreated, code, answer)
	id := jsonField(t, answer, "id")
	code, again := apiCall(t, fv, http.MethodPost, n.url+"/api/postfach/v1/messages", body, "Idempotency-Key", "wg-4711-1")
	require.Equal(t, http.StatusOK, code, "a retry returns the first result")
	require.Equal(t, id, jsonField(t, again, "id"))

	code, status := apiCall(t, fv, http.MethodGet, n.url+"/api/postfach/v1/messages/"+id, "")
	require.Equal(t, http.StatusOK, code, status)
	require.Contains(t, status, `"provided_at"`)

	other := machineClient(t, vars, "mvnk.admin")
	other.TokenURL = n.url + "/oauth2/token"
	code, problem := apiCall(t, other.Client(context.Background()), http.MethodPost, n.url+"/api/postfach/v1/messages", body)
	require.Equal(t, http.StatusForbidden, code)
	require.Contains(t, problem, "insufficient-scope")
}

// Deleting an account (`mvnk account delete`) erases its Postfach: the
// sender finds the message gone, and no row of it is left.
func TestAccountDeleteErasesPostfach(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	createAccount(t, vars, "erika", "erika@example.de")
	handle := postfachHandle(t, vars, "erika")
	fv := fachverfahren(t, vars, n, "Landkreis Vorpommern-Greifswald")
	before := map[string]int{} // the demo account's
	for _, table := range []string{"postfach_attachments", "postfach_blobs"} {
		before[table] = count(t, openDB(t, vars), "SELECT COUNT(*) FROM "+table)
	}
	code, answer := apiCall(t, fv, http.MethodPost, n.url+"/api/postfach/v1/messages",
		messageJSON(handle, []byte("%PDF-1.7 Anlage"), map[string]any{"reply_allowed": true}))
	require.Equal(t, http.StatusCreated, code, answer)
	id := jsonField(t, answer, "id")

	e, out, stderr := env(vars)
	require.Equal(t, 0, app.Run(context.Background(), []string{"account", "show", "erika", "--json"}, e), stderr.String())
	acct := jsonField(t, out.String(), "id")
	e, _, stderr = env(vars)
	require.Equal(t, 0, app.Run(context.Background(), []string{"account", "delete", acct}, e), stderr.String())

	code, _ = apiCall(t, fv, http.MethodGet, n.url+"/api/postfach/v1/messages/"+id, "")
	require.Equal(t, http.StatusNotFound, code)
	db := openDB(t, vars)
	for _, table := range []string{"postfach_messages", "postfach_mailboxes", "postfach_status"} {
		require.Zero(t, count(t, db, "SELECT COUNT(*) FROM "+table+" WHERE account_id = $1", acct), table)
	}
	for _, table := range []string{"postfach_attachments", "postfach_blobs"} {
		require.Equal(t, before[table], count(t, db, "SELECT COUNT(*) FROM "+table), table)
	}
}

// `mvnk serve --dev` has a demo citizen whose Postfach holds a status
// message, a request that can be answered and a Bescheid at level hoch,
// shown without its subject to a password login; a restart adds nothing.
func TestDevServeSeedsDemoPostfach(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	require.Contains(t, n.stderr.String(), app.DemoPassword)
	resp, page := consoleLoginWith(t, browser(t), n, app.DemoUsername, app.DemoPassword, "/konto/postfach")
	require.Equal(t, http.StatusOK, resp.StatusCode, page)
	require.Contains(t, page, "Ihr Antrag auf Wohngeld ist eingegangen")
	require.Contains(t, page, "Bitte reichen Sie Ihre Mietbescheinigung nach")
	require.NotContains(t, page, "Bescheid über Wohngeld", "the Bescheid needs level hoch")
	n.shutdown()

	startNode(t, vars)
	require.Equal(t, 3, count(t, openDB(t, vars), "SELECT COUNT(*) FROM postfach_messages"))
}

// With MVNK_POSTFACH_ATTACHMENTS_DIR attachments are files there, sealed
// (the PDF's text is not in them), and none is in the database.
func TestAttachmentsOnDisk(t *testing.T) {
	vars := devVars(t)
	dir := t.TempDir()
	vars["MVNK_POSTFACH_ATTACHMENTS_DIR"] = dir
	n := startNode(t, vars)
	createAccount(t, vars, "erika", "erika@example.de")
	fv := fachverfahren(t, vars, n, "Landkreis Vorpommern-Greifswald")
	before := count(t, openDB(t, vars), "SELECT COUNT(*) FROM postfach_blobs") // none: the demo's are on disk too
	code, answer := apiCall(t, fv, http.MethodPost, n.url+"/api/postfach/v1/messages",
		messageJSON(postfachHandle(t, vars, "erika"), []byte("%PDF-1.7 Geheimer Inhalt"), nil))
	require.Equal(t, http.StatusCreated, code, answer)

	require.Zero(t, before)
	require.Zero(t, count(t, openDB(t, vars), "SELECT COUNT(*) FROM postfach_blobs"))
	var files []string
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	}))
	require.Len(t, files, 2, "the demo Bescheid's PDF and this one")
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		require.NotContains(t, string(b), "Geheimer Inhalt")
		require.NotContains(t, string(b), "%PDF")
	}
}
