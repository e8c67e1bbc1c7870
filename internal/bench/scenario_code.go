package bench

import (
	"bytes"
	"context"
	"errors"
	"net/url"
)

// codeWorker measures the code exchange. Its next code is fetched in
// prepare, outside the measured time.
type codeWorker struct {
	flow *codeFlow
	next grant
	buf  bytes.Buffer
}

func (b *bench) newCodeWorker(ctx context.Context) (worker, error) {
	w := &codeWorker{flow: b.newCodeFlow()}
	return w, w.prepare(ctx)
}

func (w *codeWorker) prepare(ctx context.Context) error {
	if w.next.code != "" {
		return nil
	}
	var err error
	w.next, err = w.flow.authorize(ctx) // no code when it fails
	return err
}

func (w *codeWorker) send(ctx context.Context) error {
	g := w.next
	w.next = grant{} // a code is good for one exchange, whatever the answer
	_, err := w.flow.exchange(ctx, g, &w.buf)
	return err
}

// refreshWorker keeps its own refresh chain: each answer's new refresh
// token replaces the old one, as servers that rotate require. After a
// failed refresh it starts a new chain with a new login.
type refreshWorker struct {
	flow  *codeFlow
	token string
	buf   bytes.Buffer
}

var errNoRefreshToken = errors.New("the token response has no refresh_token (is offline_access allowed for the client?)")

func (b *bench) newRefreshWorker(ctx context.Context) (worker, error) {
	w := &refreshWorker{flow: b.newCodeFlow()}
	return w, w.prepare(ctx)
}

func (w *refreshWorker) prepare(ctx context.Context) error {
	if w.token != "" {
		return nil
	}
	g, err := w.flow.authorize(ctx)
	if err != nil {
		return err
	}
	tr, err := w.flow.exchange(ctx, g, &w.buf)
	if err == nil && tr.RefreshToken == "" {
		err = errNoRefreshToken
	}
	w.token = tr.RefreshToken
	return err
}

func (w *refreshWorker) send(ctx context.Context) error {
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {w.token}}.Encode()
	err := w.flow.b.post(ctx, w.flow.b.ep.Token, form, &w.buf)
	var tr tokenResponse
	if err == nil {
		tr, err = parseToken(w.buf.Bytes())
	}
	switch {
	case err != nil:
		w.token = "" // the chain may be revoked or rotated already
	case tr.RefreshToken != "":
		w.token = tr.RefreshToken
	}
	return err
}
