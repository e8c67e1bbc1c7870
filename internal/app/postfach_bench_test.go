package app_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
	"mvnk/idp/account"
	"mvnk/internal/app"
	"mvnk/internal/config"
	"mvnk/postfach"
	"mvnk/store"
	"mvnk/store/storetest"
)

// openMain opens and builds the app in this process on vars, served by a
// test server whose URL is the public URL; jobs run only when the test
// runs them.
func openMain(tb testing.TB, vars map[string]string) (*app.Main, *node) {
	tb.Helper()
	srv := httptest.NewUnstartedServer(nil)
	vars["MVNK_PUBLIC_URL"] = "http://" + srv.Listener.Addr().String()
	cfg, err := config.Load(config.RegisterFlags(flag.NewFlagSet("test", flag.ContinueOnError)),
		func(k string) string { return vars[k] })
	require.NoError(tb, err)
	m, err := app.Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), true)
	require.NoError(tb, err)
	tb.Cleanup(func() { _ = m.Close() })
	require.NoError(tb, m.Build())
	srv.Config.Handler = m.Handler()
	srv.Start()
	tb.Cleanup(srv.Close)
	return m, &node{url: srv.URL}
}

// BenchmarkPostfachHTTP measures the Postfach through HTTP on SQLite and
// PostgreSQL: messages with a 100 KB PDF accepted per second by the API
// (client-credentials tokens, in parallel), and the latency of the first
// inbox page of a logged-in citizen whose mailbox holds 10 000 messages.
func BenchmarkPostfachHTTP(b *testing.B) {
	for _, d := range storetest.Dialects {
		b.Run(d.String(), func(b *testing.B) {
			vars := devVars(b)
			vars["MVNK_DATABASE_URL"] = storetest.URL(b, d)
			// A limit far above the load: its count is paid, it never refuses.
			vars["MVNK_POSTFACH_API_RATE"] = "1000000"
			m, n := openMain(b, vars)
			createAccount(b, vars, "erika", "erika@example.de")
			fv := fachverfahren(b, vars, n, "Landkreis Vorpommern-Greifswald")
			b.Run("send-100KB", func(b *testing.B) { benchSend(b, n, fv, postfachHandle(b, vars, "erika")) })

			createAccount(b, vars, "max", "max@example.de")
			fillInbox(b, m, postfachHandle(b, vars, "max"), 10_000)
			browse := browser(b)
			resp, page := consoleLogin(b, browse, n, "max", "/konto/postfach")
			require.Equal(b, http.StatusOK, resp.StatusCode, page)
			b.Run("inbox-page-10000", func(b *testing.B) { benchInbox(b, browse, n.url+"/konto/postfach") })
		})
	}
}

func benchSend(b *testing.B, n *node, fv *http.Client, handle string) {
	pdf := bytes.Repeat([]byte("%PDF-1.7 Bescheid "), 100_000/18)
	body := messageJSON(handle, pdf, nil)
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if code, answer := apiCall(b, fv, http.MethodPost, n.url+"/api/postfach/v1/messages", body); code != http.StatusCreated {
				b.Fatalf("%d %s", code, answer)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

func benchInbox(b *testing.B, browse *http.Client, target string) {
	took := make([]time.Duration, 0, b.N)
	for b.Loop() {
		start := time.Now()
		resp, err := browse.Get(target)
		require.NoError(b, err)
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		took = append(took, time.Since(start))
		require.Equal(b, http.StatusOK, resp.StatusCode)
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
}

// fillInbox delivers n messages to the handle's mailbox through the
// Postfach store (encrypted as the API stores them), four at a time.
func fillInbox(b *testing.B, m *app.Main, handle string, n int) {
	b.Helper()
	acct, err := account.NewStore(m.DB).GetByPostfachHandle(context.Background(), handle)
	require.NoError(b, err)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < n; i += 4 {
				msg := &postfach.Message{Mailbox: postfach.Mailbox{Handle: handle, AccountID: acct.ID},
					Kind: postfach.Nachricht, Subject: fmt.Sprintf("Nachricht %d", i), Body: "Guten Tag.",
					Sender: postfach.Sender{ClientID: "bench", Name: "Bauamt Schwerin"}, RequiredLevel: trust.Basis}
				if _, _, err := m.Postfach.Create(context.Background(), msg, postfach.CreateOptions{}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	require.NoError(b, <-errs)
	if m.DB.Dialect == store.Postgres {
		_, err = m.DB.Exec(`ANALYZE postfach_messages`) // as autovacuum would after a bulk load
		require.NoError(b, err)
	}
}
