package app_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"

	"mvnk/store"
)

// passwordLogin is one whole login of a fresh browser at a relying party:
// authorize → login page → password → consent, where the client asks for
// it → code → token exchange and ID token check.
func passwordLogin(t testing.TB, n *node, rp *relyingParty, login string) *oidc.IDToken {
	t.Helper()
	b := browser(t)
	resp, page := rp.start(t, b, oidc.Nonce("n-flow-2f8d1c"))
	require.Equal(t, "/anmelden", resp.Request.URL.Path, "%d %s", resp.StatusCode, resp.Header.Get("Location"))
	weiter := resp.Request.URL.Query().Get("weiter")
	resp, page = submit(t, b, n.url, "/anmelden", page, url.Values{"login": {login}, "password": {webPassword}, "weiter": {weiter}})
	if resp.StatusCode == http.StatusOK {
		resp, _ = giveConsent(t, b, n, resp, page)
	}
	idt, _ := rp.idToken(t, resp)
	return idt
}

// giveConsent submits the consent page's form with its "allow" button.
func giveConsent(t testing.TB, b *http.Client, n *node, resp *http.Response, page string) (*http.Response, string) {
	t.Helper()
	action := formAction(page)
	require.NotEmpty(t, action, "expected the consent page at %s:\n%s", resp.Request.URL, page)
	form := url.Values{}
	for _, f := range hiddenFields.FindAllStringSubmatch(page, -1) {
		form.Set(f[1], html.UnescapeString(f[2]))
	}
	form.Set("entscheidung", "zulassen")
	return submit(t, b, n.url, action, page, form)
}

// The whole password login writes few rows: each table's inserts, updates
// and deletes are counted by triggers during one login after a first one.
// The 11 rows: the login throttle 4 (the attempt is counted on the address
// and the account before the password is checked, so parallel guesses
// can't slip past, and both are taken back on success), the login session
// 1, the provider's session–client link 1, the code 2 (written, then
// used up), the access token 1, the audit entry 1 and the audit chain's
// head 1. A new write shows here and must be a decision.
func TestPasswordLoginWritesFewRows(t *testing.T) {
	vars := devVars(t)
	vars["MVNK_JOB_POLL"] = "1h" // background jobs would add rows of their own
	n := startNode(t, vars)
	createAccount(t, vars, "erika", "erika@example.de")
	createAccount(t, vars, "jens", "jens@example.de")
	rp := newRelyingParty(t, n, vars)
	passwordLogin(t, n, rp, "erika") // first use: caches, first keys

	db := openDB(t, vars)
	countWrites(t, db)
	passwordLogin(t, n, rp, "jens")
	writes, total := writeCounts(t, db)
	t.Logf("rows written by one password login (authorize → login → token): %d\n%s", total, strings.Join(writes, "\n"))
	require.LessOrEqual(t, total, 11, "one login writes more rows than it should:\n%s", strings.Join(writes, "\n"))
}

// countWrites installs triggers that count every row inserted, updated or
// deleted per table (SQLite).
func countWrites(t *testing.T, db *store.DB) {
	ctx := context.Background()
	_, err := db.ExecContext(ctx, `CREATE TABLE test_writes (tbl TEXT NOT NULL, op TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (tbl, op))`)
	require.NoError(t, err)
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'test_writes'`)
	require.NoError(t, err)
	var tables []string
	for rows.Next() {
		var name string
		require.NoError(t, rows.Scan(&name))
		tables = append(tables, name)
	}
	require.NoError(t, rows.Close())
	for _, tbl := range tables {
		for _, op := range []string{"INSERT", "UPDATE", "DELETE"} {
			_, err := db.ExecContext(ctx, fmt.Sprintf(`CREATE TRIGGER test_writes_%[1]s_%[2]s AFTER %[2]s ON %[1]s BEGIN
				INSERT OR IGNORE INTO test_writes VALUES ('%[1]s', '%[2]s', 0);
				UPDATE test_writes SET n = n + 1 WHERE tbl = '%[1]s' AND op = '%[2]s'; END`, tbl, op))
			require.NoError(t, err)
		}
	}
}

func writeCounts(t *testing.T, db *store.DB) ([]string, int) {
	rows, err := db.QueryContext(context.Background(), `SELECT tbl, op, n FROM test_writes`)
	require.NoError(t, err)
	defer rows.Close()
	var lines []string
	total := 0
	for rows.Next() {
		var tbl, op string
		var n int
		require.NoError(t, rows.Scan(&tbl, &op, &n))
		lines = append(lines, fmt.Sprintf("  %-22s %-6s %d", tbl, op, n))
		total += n
	}
	sort.Strings(lines)
	return lines, total
}

// BenchmarkPasswordLoginFlow measures whole password logins (see
// passwordLogin) with the default argon2id parameters, in parallel on
// GOMAXPROCS browsers against one node on SQLite.
func BenchmarkPasswordLoginFlow(b *testing.B) {
	vars := devVars(b)
	n := startNode(b, vars)
	const accounts = 16
	for i := range accounts {
		createAccount(b, vars, fmt.Sprintf("person%02d", i), fmt.Sprintf("person%02d@example.de", i))
	}
	rp := newRelyingParty(b, n, vars)
	var next atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1) % accounts
			passwordLogin(b, n, rp, fmt.Sprintf("person%02d", i))
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "logins/s")
}

var (
	formActions  = regexp.MustCompile(`<form[^>]*\saction="([^"]+)"`)
	hiddenFields = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)"`)
)

// formAction is the action of the page's first form other than the
// language switch and the session-extend form of the page header.
func formAction(page string) string {
	for _, m := range formActions.FindAllStringSubmatch(page, -1) {
		if a := html.UnescapeString(m[1]); a != "/sprache" && a != "/konto/sitzung/verlaengern" {
			return a
		}
	}
	return ""
}

// Ending a session in "Mein Konto" ends it at the provider too: the
// access token issued in it stops working at once.
func TestConsoleSessionEndRevokesItsTokens(t *testing.T) {
	vars := devVars(t)
	n := startNode(t, vars)
	createAccount(t, vars, "erika", "erika@example.de")
	rp := newRelyingParty(t, n, vars)

	phone := browser(t)
	resp, page := rp.start(t, phone, oidc.Nonce("n-phone-31337"))
	weiter := resp.Request.URL.Query().Get("weiter")
	resp, _ = submit(t, phone, n.url, "/anmelden", page, url.Values{"login": {"erika"}, "password": {webPassword}, "weiter": {weiter}})
	idt, _ := rp.idToken(t, resp)
	var claims struct {
		SID string `json:"sid"`
	}
	require.NoError(t, idt.Claims(&claims))
	info := func() int {
		ui, err := rp.provider.UserInfo(context.Background(), oauth2.StaticTokenSource(rp.lastToken))
		if err != nil {
			return http.StatusUnauthorized
		}
		require.NotEmpty(t, ui.Subject)
		return http.StatusOK
	}
	require.Equal(t, http.StatusOK, info())

	laptop := browser(t)
	resp, page = fetch(t, laptop, n.url+"/konto/sitzungen")
	require.Equal(t, "/anmelden", resp.Request.URL.Path, "the console asks for a login first")
	resp, page = submit(t, laptop, n.url, "/anmelden", page, url.Values{"login": {"erika"}, "password": {webPassword},
		"weiter": {"/konto/sitzungen"}})
	require.Equal(t, "/konto/sitzungen", resp.Request.URL.Path)
	resp, _ = submit(t, laptop, n.url, "/konto/sitzungen/beenden", page, url.Values{"sid": {claims.SID}})
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, http.StatusUnauthorized, info(), "the phone's access token is revoked with its session")
}
