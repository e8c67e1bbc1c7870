package postfach_test

import (
	"context"
	"crypto/rand"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/audit"
	"mvnk/eid/trust"
	"mvnk/internal/mail"
	"mvnk/keys"
	"mvnk/postfach"
	"mvnk/store"
	"mvnk/store/jobs"
	"mvnk/store/ratelimit"
	"mvnk/store/storetest"
)

var sets = []store.Migrations{audit.Migrations, postfach.Migrations}

// fullSets adds the jobs, mail and webhook tables Events and Notices need.
var fullSets = []store.Migrations{audit.Migrations, jobs.Migrations, mail.Migrations,
	postfach.Migrations, postfach.WebhookMigrations, ratelimit.Migrations}

// fixture is a store on a fresh database with a settable clock.
type fixture struct {
	db    *store.DB
	st    *postfach.Store
	svc   *postfach.Service
	audit *audit.Log
	now   time.Time
	hooks *postfach.Webhooks // runFull only; also f.st.Events
}

func newFixture(t testing.TB, db *store.DB, blobs postfach.Blobs) *fixture {
	t.Helper()
	master := make([]byte, 32)
	_, _ = rand.Read(master)
	sealer, err := keys.NewSealer(master)
	require.NoError(t, err)
	log := audit.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	f := &fixture{db: db, audit: log, now: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
	f.st = postfach.NewStore(db, sealer, blobs, log)
	f.st.Now = func() time.Time { return f.now }
	f.svc = postfach.NewService(f.st)
	return f
}

func runStore(t *testing.T, fn func(t *testing.T, f *fixture)) {
	storetest.Run(t, func(t *testing.T, db *store.DB) { fn(t, newFixture(t, db, nil)) }, sets...)
}

// runFull is runStore on fullSets, the store's webhook events going to
// f.hooks (wall clock: its signatures must pass a receiver's check).
func runFull(t *testing.T, fn func(t *testing.T, f *fixture)) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, nil)
		f.hooks = whNew(t, db, postfach.WebhookOptions{})
		f.st.Events = f.hooks
		fn(t, f)
	}, fullSets...)
}

var mailbox = postfach.Mailbox{Handle: "6f1c2a0e-9d7b-4c55-8a1e-1f2b3c4d5e6f", AccountID: "acct1"}

func pdf(content string) postfach.Attachment {
	sum := sha512.Sum512([]byte(content))
	return postfach.Attachment{Filename: "bescheid.pdf", MediaType: "application/pdf",
		Content: []byte(content), SHA512: hex.EncodeToString(sum[:])}
}

func sample(kind postfach.Kind) *postfach.Message {
	return &postfach.Message{Mailbox: mailbox, Kind: kind, Subject: "Ihr Bescheid zur Baugenehmigung",
		Body: "Sehr geehrte Frau Mustermann, …", Sender: postfach.Sender{ClientID: "bauamt-app", Name: "Landkreis X – Bauamt"},
		Service: "Baugenehmigung", LeikaID: "urn:de:fim:leika:leistung:99010003001006",
		Reference: "AZ 63-123/2026", ApplicationID: "vorgang-1", RequiredLevel: trust.Basis}
}

func create(t testing.TB, f *fixture, m *postfach.Message) string {
	t.Helper()
	id, created, err := f.st.Create(context.Background(), m, postfach.CreateOptions{})
	require.NoError(t, err)
	require.True(t, created)
	return id
}

// auditTypes lists the audit log's event types, oldest first.
func auditTypes(t *testing.T, f *fixture) []string {
	entries, err := f.audit.List(context.Background(), 100, 0)
	require.NoError(t, err)
	var types []string
	for i := len(entries) - 1; i >= 0; i-- {
		types = append(types, entries[i].Type)
	}
	return types
}

// count runs a COUNT(*) query on the fixture's database.
func count(t *testing.T, f *fixture, query string, args ...any) int {
	t.Helper()
	return whCount(t, f.db, query, args...)
}

// failingEvents is an EventQueue that always fails: the change that
// caused the event must roll back with it.
type failingEvents struct{}

var errEventQueue = errors.New("event queue down")

func (failingEvents) Enqueue(context.Context, jobs.Execer, string, postfach.WebhookEvent) error {
	return errEventQueue
}
