package inbox

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha512"
	"encoding/hex"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/audit"
	"mvnk/e2e"
	"mvnk/eid/trust"
	"mvnk/keys"
	"mvnk/portal"
	"mvnk/postfach"
	"mvnk/store"
	"mvnk/store/ratelimit"
	"mvnk/store/storetest"
)

// sets are the schemas the pages need.
var sets = []store.Migrations{audit.Migrations, postfach.Migrations, portal.Migrations, ratelimit.Migrations}

type keyring struct{ keys [][]byte }

func (k keyring) CookieKeys(context.Context) ([][]byte, error) { return k.keys, nil }

// replyLimit is the fixture's limit of replies per hour.
const replyLimit = 2

// fixture is the portal with the inbox on a real server and a real
// postfach.Store. The guard is a fake: the test says who is logged in.
type fixture struct {
	t   *testing.T
	st  *postfach.Store
	ib  *Inbox
	srv *httptest.Server

	mu     sync.Mutex
	reader *Reader // nil: nobody is logged in
	now    time.Time
}

// run runs fn on SQLite and, with MVNK_TEST_POSTGRES_URL, on PostgreSQL.
func run(t *testing.T, fn func(t *testing.T, f *fixture)) {
	storetest.Run(t, func(t *testing.T, db *store.DB) { fn(t, newFixture(t, db)) }, sets...)
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	f := &fixture{t: t, now: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
	f.reader = &Reader{AccountID: "acct-erika", Handle: "0b5c7a52-1d2e-4f3a-9b8c-7d6e5f4a3b2c", Level: trust.Basis}
	master := make([]byte, 32)
	_, _ = rand.Read(master)
	sealer, err := keys.NewSealer(master)
	require.NoError(t, err)
	logger := slog.New(slog.DiscardHandler)
	f.st = postfach.NewStore(db, sealer, nil, audit.New(db, logger))
	f.st.Now = f.clock
	srv := httptest.NewUnstartedServer(nil)
	u, _ := url.Parse("http://" + srv.Listener.Addr().String())
	k1, k2 := make([]byte, 32), make([]byte, 32)
	_, _ = rand.Read(k1)
	_, _ = rand.Read(k2)
	p, err := portal.New(portal.Config{PublicURL: u}, db, keyring{[][]byte{k1, k2}}, logger)
	require.NoError(t, err)
	f.ib, err = New(p, f.st, f.guard, logger)
	require.NoError(t, err)
	limits := ratelimit.New(db)
	limits.Now = f.clock
	f.ib.Limit = limits.Keyed("postfach-reply:", ratelimit.Rule{Limit: replyLimit, Window: time.Hour})
	pages := http.NewServeMux()
	p.Mount(pages)
	f.ib.Mount(pages)
	srv.Config.Handler = p.SecurityHeaders(p.Protect(pages))
	srv.Start()
	t.Cleanup(srv.Close)
	f.srv = srv
	return f
}

// guard is the fake Guard: the fixture's reader, or the login.
func (f *fixture) guard(h func(w http.ResponseWriter, r *http.Request, rd Reader)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		rd := f.reader
		f.mu.Unlock()
		if rd == nil {
			http.Redirect(w, r, "/anmelden?"+url.Values{"weiter": {r.URL.RequestURI()}}.Encode(), http.StatusSeeOther)
			return
		}
		h(w, r, *rd)
	}
}

// as logs r in instead.
func (f *fixture) as(r Reader) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reader = &r
}

// level sets the trust level of the logged-in session (a step-up).
func (f *fixture) level(l trust.Level) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reader.Level = l
}

func (f *fixture) clock() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// advance moves the clock on, so messages get distinct provision times.
func (f *fixture) advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
}

func (f *fixture) mailbox() postfach.Mailbox {
	return postfach.Mailbox{Handle: f.reader.Handle, AccountID: f.reader.AccountID}
}

// deliver stores m for the fixture's citizen, as a sender would, a
// minute after the message before.
func (f *fixture) deliver(m *postfach.Message) string {
	f.t.Helper()
	f.advance(time.Minute)
	m.Mailbox = f.mailbox()
	id, created, err := f.st.Create(context.Background(), m, postfach.CreateOptions{})
	require.NoError(f.t, err)
	require.True(f.t, created)
	return id
}

// message is a Nachricht from the Bauamt, at level Basis.
func message(subject string) *postfach.Message {
	return &postfach.Message{Kind: postfach.Nachricht, Subject: subject,
		Body:    "Sehr geehrte Frau Mustermann,\n\nwir haben Ihren Antrag erhalten.",
		Sender:  postfach.Sender{ClientID: "bauamt-app", Name: "Landkreis Rostock – Bauamt"},
		Service: "Baugenehmigung", LeikaID: "urn:de:fim:leika:leistung:99010003001006",
		Reference: "AZ 63-123/2026", ApplicationID: "vorgang-1", RequiredLevel: trust.Basis}
}

func file(name, mediaType, content string) postfach.Attachment {
	sum := sha512.Sum512([]byte(content))
	return postfach.Attachment{Filename: name, MediaType: mediaType, Content: []byte(content),
		SHA512: hex.EncodeToString(sum[:])}
}

// get loads a message from the store as the citizen.
func (f *fixture) get(id string) *postfach.Message {
	f.t.Helper()
	m, err := f.st.Get(context.Background(), f.reader.AccountID, id)
	require.NoError(f.t, err)
	return m
}

// browser is a client with its own cookies that does not follow redirects.
type browser struct {
	f    *fixture
	c    *http.Client
	lang string
	page string // the last HTML page, for its csrf token
}

func (f *fixture) browser() *browser {
	jar, err := cookiejar.New(nil)
	require.NoError(f.t, err)
	return &browser{f: f, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// do sends req. Every HTML answer must be valid HTML and not cached.
func (b *browser) do(req *http.Request) (*http.Response, string) {
	t := b.f.t
	t.Helper()
	if b.lang != "" {
		req.Header.Set("Accept-Language", b.lang)
	}
	resp, err := b.c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		b.page = string(body)
		require.Equal(t, "no-store", resp.Header.Get("Cache-Control"), req.URL.Path)
		report := e2e.CheckHTML(body)
		require.Empty(t, report.Problems, "%s: %v", req.URL, report.Problems)
		wantLang := "de"
		if b.lang != "" {
			wantLang = b.lang
		}
		require.Equal(t, wantLang, report.Lang)
	}
	return resp, string(body)
}

func (b *browser) get(path string) (*http.Response, string) {
	req, err := http.NewRequest(http.MethodGet, b.f.srv.URL+path, nil)
	require.NoError(b.f.t, err)
	return b.do(req)
}

var csrfRE = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

func (b *browser) token() string {
	m := csrfRE.FindStringSubmatch(b.page)
	require.NotNil(b.f.t, m, "no csrf token on the last page")
	return m[1]
}

// post sends a form with the last page's csrf token, from our origin.
func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	form.Set("csrf_token", b.token())
	req, err := http.NewRequest(http.MethodPost, b.f.srv.URL+path, strings.NewReader(form.Encode()))
	require.NoError(b.f.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.f.srv.URL)
	return b.do(req)
}

// upload is one file of a multipart form.
type upload struct{ name, mediaType, content string }

// postMultipart sends fields and files as the reply form does.
func (b *browser) postMultipart(path string, fields url.Values, files []upload) (*http.Response, string) {
	t := b.f.t
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fields.Set("csrf_token", b.token())
	for k, vs := range fields {
		for _, v := range vs {
			require.NoError(t, mw.WriteField(k, v))
		}
	}
	for _, u := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="anhang"; filename="`+u.name+`"`)
		h.Set("Content-Type", u.mediaType)
		part, err := mw.CreatePart(h)
		require.NoError(t, err)
		_, _ = io.WriteString(part, u.content)
	}
	require.NoError(t, mw.Close())
	req, err := http.NewRequest(http.MethodPost, b.f.srv.URL+path, &buf)
	require.NoError(t, err)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", b.f.srv.URL)
	return b.do(req)
}

// rows counts the messages listed on a page.
func rows(page string) int { return strings.Count(page, `id="nachricht-`) }

var titleRE = regexp.MustCompile(`<title>([^<]*)</title>`)

func titleOf(page string) string {
	m := titleRE.FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return m[1]
}
