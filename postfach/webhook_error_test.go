package postfach_test

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/postfach"
	"mvnk/store"
	"mvnk/store/storetest"
)

// syncBuffer is a log sink the runner's goroutines may write to.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string { b.mu.Lock(); defer b.mu.Unlock(); return b.buf.String() }

// whDeliverOnce registers clientID's endpoint at rawURL (loopback
// allowed), delivers one event with opts and a logger into the returned
// buffer, and returns the delivery log's error class.
func whDeliverOnce(t *testing.T, db *store.DB, rawURL string, opts postfach.WebhookOptions) (string, string) {
	_, err := whNew(t, db, postfach.WebhookOptions{}).Register(context.Background(), "fv1", rawURL, postfach.WebhookEventTypes)
	require.NoError(t, err)
	var logs syncBuffer
	w := postfach.NewWebhooks(db, whSealer(t), slog.New(slog.NewTextHandler(&logs, nil)), opts)
	whEnqueue(t, db, w, "fv1", whEvent)
	whRunDue(t, whRunner(db, w, &whClock{now: time.Now().Add(time.Second)}))
	log, err := w.ListDeliveries(context.Background(), "fv1", 10)
	require.NoError(t, err)
	require.Len(t, log, 1)
	return log[0].Error, logs.String()
}

// The delivery log a client reads names the kind of failure only; the
// detail (which address a name resolved to) is in the server log, and a
// token in the URL's query string is in neither.
func TestWebhookDeliveryErrorsClassified(t *testing.T) {
	t.Run("address", func(t *testing.T) { storetest.Run(t, whAddressRefused, whSets...) })
	t.Run("refused", func(t *testing.T) { storetest.Run(t, whConnectionRefused, whSets...) })
	t.Run("tls", func(t *testing.T) { storetest.Run(t, whUnknownCA, whSets...) })
}

func whAddressRefused(t *testing.T, db *store.DB) {
	rc := whListen(t)
	u, err := url.Parse(rc.srv.URL)
	require.NoError(t, err)
	class, logs := whDeliverOnce(t, db, "http://localhost:"+u.Port()+"/cb?token=geheim", postfach.WebhookOptions{})
	require.Equal(t, "address_not_allowed", class)
	require.Contains(t, logs, "address not allowed: 127.0.0.1:"+u.Port(), "detail for the operator")
	require.Contains(t, logs, "/cb")
	require.NotContains(t, logs, "geheim", "no query string in the server log")
}

func whConnectionRefused(t *testing.T, db *store.DB) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	class, _ := whDeliverOnce(t, db, "http://"+addr+"/cb", postfach.WebhookOptions{AllowLoopback: true})
	require.Equal(t, "connection_refused", class)
}

func whUnknownCA(t *testing.T, db *store.DB) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	t.Cleanup(srv.Close)
	class, _ := whDeliverOnce(t, db, srv.URL+"/cb", postfach.WebhookOptions{AllowLoopback: true})
	require.Equal(t, "tls", class, "certificate of an unknown CA")
}
