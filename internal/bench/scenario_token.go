package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
)

// tokenWorker asks for client_credentials tokens (RFC 6749 §4.4).
type tokenWorker struct {
	b    *bench
	form string
	buf  bytes.Buffer
}

func (b *bench) newTokenWorker(context.Context) (worker, error) {
	return &tokenWorker{b: b, form: b.form(url.Values{"grant_type": {"client_credentials"}})}, nil
}

func (w *tokenWorker) prepare(context.Context) error { return nil }

// send checks the answer for an access_token without decoding it: the
// load generator shares the CPU with the server it measures.
func (w *tokenWorker) send(ctx context.Context) error {
	if err := w.b.post(ctx, w.b.ep.Token, w.form, &w.buf); err != nil {
		return err
	}
	if !bytes.Contains(w.buf.Bytes(), []byte(`"access_token"`)) {
		return errors.New("token response without access_token")
	}
	return nil
}

// form encodes v plus the scope of the options, once per worker.
func (b *bench) form(v url.Values) string {
	if b.opts.Scope != "" && v.Get("scope") == "" {
		v.Set("scope", b.opts.Scope)
	}
	return v.Encode()
}

// introspectionWorker asks about one token again and again (RFC 7662 §2);
// an answer of active:false counts as an error.
type introspectionWorker struct {
	b    *bench
	form string
	buf  bytes.Buffer
}

// introspectionWorkers obtains the one token all workers ask about.
func (b *bench) introspectionWorkers(ctx context.Context) (newWorker, error) {
	tok, err := retry(ctx, b.clientToken)
	if err != nil {
		return nil, fmt.Errorf("getting a token to introspect: %w", err)
	}
	form := url.Values{"token": {tok}, "token_type_hint": {"access_token"}}.Encode()
	return func(context.Context) (worker, error) { return &introspectionWorker{b: b, form: form}, nil }, nil
}

func (b *bench) clientToken(ctx context.Context) (string, error) {
	var buf bytes.Buffer
	if err := b.post(ctx, b.ep.Token, b.form(url.Values{"grant_type": {"client_credentials"}}), &buf); err != nil {
		return "", err
	}
	tr, err := parseToken(buf.Bytes())
	return tr.AccessToken, err
}

func (w *introspectionWorker) prepare(context.Context) error { return nil }

func (w *introspectionWorker) send(ctx context.Context) error {
	if err := w.b.post(ctx, w.b.ep.Introspection, w.form, &w.buf); err != nil {
		return err
	}
	var r struct {
		Active bool `json:"active"`
	}
	if err := json.Unmarshal(w.buf.Bytes(), &r); err != nil {
		return fmt.Errorf("introspection response: %w", err)
	}
	if !r.Active {
		return errors.New("introspection says active:false")
	}
	return nil
}
