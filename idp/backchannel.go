package idp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"mvnk/store"
	"mvnk/store/jobs"
)

// JobBackchannelLogout is the job kind of a back-channel logout delivery;
// register DeliverBackchannelLogout for it.
const JobBackchannelLogout = "idp.backchannel_logout"

// backchannelTimeout bounds one delivery; an RP that hangs is retried.
const backchannelTimeout = 10 * time.Second

// backchannelJob is the payload: which client to tell that which session
// ended. The subject is read from idp_sessions, so the jobs table holds
// no account id.
type backchannelJob struct {
	SID      string `json:"sid"`
	ClientID string `json:"client_id"`
}

// enqueueBackchannel adds a delivery to a client that registered a
// backchannel_logout_uri (Back-Channel Logout 1.0 §2.2), in tx.
func (p *Provider) enqueueBackchannel(ctx context.Context, tx jobs.Execer, sid, clientID string) error {
	c, err := p.store.clients.GetClient(ctx, clientID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && c.BackchannelLogoutURI == "") {
		return nil
	}
	if err != nil {
		return err
	}
	payload, err := json.Marshal(backchannelJob{SID: sid, ClientID: clientID})
	if err != nil {
		return err
	}
	return jobs.Enqueue(ctx, tx, jobs.Job{
		Kind: JobBackchannelLogout, Payload: string(payload), MaxAttempts: 10,
		UniqueKey: fmt.Sprintf("%s:%q:%q", JobBackchannelLogout, sid, clientID),
	})
}

// DeliverBackchannelLogout sends one logout token (Back-Channel Logout
// 1.0 §2.5). It is a jobs.Handler: an error makes the runner retry with
// back-off; a job that can never succeed (client or session row gone,
// URI removed) is dropped with a log line.
func (p *Provider) DeliverBackchannelLogout(ctx context.Context, payload string) error {
	var j backchannelJob
	if err := json.Unmarshal([]byte(payload), &j); err != nil {
		p.log.Error("idp: back-channel logout payload", "err", err)
		return nil
	}
	c, err := p.store.clients.GetClient(ctx, j.ClientID)
	if err != nil {
		return p.dropIfGone(err, j)
	}
	subject, err := p.sessionSubject(ctx, j.SID, j.ClientID)
	if err != nil || c.BackchannelLogoutURI == "" {
		return p.dropIfGone(err, j)
	}
	token, err := p.logoutToken(ctx, c, subject, j.SID)
	if err != nil {
		return err
	}
	return postLogoutToken(ctx, c.BackchannelLogoutURI, token)
}

func (p *Provider) dropIfGone(err error, j backchannelJob) error {
	if err == nil || errors.Is(err, store.ErrNotFound) {
		p.log.Info("idp: back-channel logout dropped", "client", j.ClientID, "err", err)
		return nil
	}
	return err
}

// postLogoutToken POSTs logout_token form-encoded (§2.5). Redirects are
// not followed; 200 and 204 are success (§2.8), anything else is retried.
func postLogoutToken(ctx context.Context, uri, token string) error {
	ctx, cancel := context.WithTimeout(ctx, backchannelTimeout)
	defer cancel()
	body := url.Values{"logout_token": {token}}.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, uri, strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	client := &http.Client{Timeout: backchannelTimeout, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("back-channel logout: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("back-channel logout to %s: status %d", uri, resp.StatusCode)
	}
	return nil
}
