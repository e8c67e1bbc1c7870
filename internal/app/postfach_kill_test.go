package app_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/internal/testutil"
	"mvnk/postfach"
)

// process is `mvnk serve` in a process of its own (the test binary
// re-executed, see TestMain), so a test can kill it as a crash would.
type process struct {
	cmd    *exec.Cmd
	stderr *testutil.SyncBuffer
}

func startProcess(t *testing.T, vars map[string]string) *process {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = []string{envChild + "=1"}
	for k, v := range vars {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	p := &process{cmd: cmd, stderr: &testutil.SyncBuffer{}}
	cmd.Stdout, cmd.Stderr = io.Discard, p.stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { p.kill() })
	require.Eventually(t, func() bool {
		resp, err := http.Get(vars["MVNK_PUBLIC_URL"] + "/readyz")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil && resp.StatusCode == http.StatusOK
	}, 60*time.Second, 50*time.Millisecond, "process did not start: %s", p.stderr)
	return p
}

// kill ends the process with SIGKILL: no shutdown, no finished jobs.
func (p *process) kill() {
	if p.cmd.ProcessState == nil {
		_ = p.cmd.Process.Kill()
		_ = p.cmd.Wait()
	}
}

// hookReceiver is a Fachverfahren's callback endpoint. Its first request
// hangs until the caller's connection dies; later ones are recorded.
type hookReceiver struct {
	mu      sync.Mutex
	first   bool
	arrived chan struct{}
	got     chan delivered
}

type delivered struct {
	header http.Header
	body   []byte
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	first := !h.first
	h.first = true
	h.mu.Unlock()
	if first {
		close(h.arrived)
		<-r.Context().Done() // the sender died with the request open
		return
	}
	h.got <- delivered{header: r.Header.Clone(), body: body}
}

// Killing the server while it delivers a webhook loses nothing: the
// message.retrieved event was committed with the retrieval, and after a
// restart the job's lapsed claim is taken up and the webhook goes out,
// signed.
func TestWebhookSurvivesKill(t *testing.T) {
	vars := devVars(t)
	vars["MVNK_JOB_POLL"], vars["MVNK_JOB_LEASE"] = "100ms", "2s"
	addr := freePort(t)
	vars["MVNK_LISTEN"], vars["MVNK_PUBLIC_URL"] = addr, "http://"+addr
	n := &node{url: "http://" + addr}
	p := startProcess(t, vars)
	createAccount(t, vars, "erika", "erika@example.de")
	handle := postfachHandle(t, vars, "erika")
	fv := fachverfahren(t, vars, n, "Landkreis Vorpommern-Greifswald")

	rcv := &hookReceiver{arrived: make(chan struct{}), got: make(chan delivered, 4)}
	hook := httptest.NewServer(rcv)
	t.Cleanup(hook.Close)
	code, answer := apiCall(t, fv, http.MethodPut, n.url+"/api/postfach/v1/webhook",
		`{"url": "`+hook.URL+`/callback", "events": ["message.retrieved"]}`)
	require.Equal(t, http.StatusOK, code, answer)
	secret := jsonField(t, answer, "secret")

	code, answer = apiCall(t, fv, http.MethodPost, n.url+"/api/postfach/v1/messages", messageJSON(handle, nil, nil))
	require.Equal(t, http.StatusCreated, code, answer)
	id := jsonField(t, answer, "id")

	resp, page := consoleLogin(t, browser(t), n, "erika", "/konto/postfach/"+id)
	require.Equal(t, http.StatusOK, resp.StatusCode, page)
	require.Contains(t, page, "Ihr Antrag ist eingegangen.")

	select {
	case <-rcv.arrived:
	case <-time.After(30 * time.Second):
		t.Fatalf("no webhook attempt: %s", p.stderr)
	}
	p.kill()

	p = startProcess(t, vars)
	var d delivered
	select {
	case d = <-rcv.got:
	case <-time.After(60 * time.Second):
		t.Fatalf("the webhook was lost with the process: %s", p.stderr)
	}
	require.NoError(t, postfach.Verify([]byte(secret), d.header.Get(postfach.HeaderCallbackTimestamp),
		d.header.Get(postfach.HeaderCallbackAuthentication), d.body, time.Now()))
	require.Equal(t, "message.retrieved", jsonField(t, string(d.body), "type"))
	require.Contains(t, string(d.body), id)

	code, answer = apiCall(t, fv, http.MethodGet, n.url+"/api/postfach/v1/webhook/deliveries", "")
	require.Equal(t, http.StatusOK, code, answer)
	require.Contains(t, answer, "delivered")
}
