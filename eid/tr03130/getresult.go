package tr03130

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"mvnk/eid"
	"mvnk/store"
)

// Complete runs on the callback (RefreshAddress): it asks the eID-Server
// for the result until the card has been read, and ends the session.
func (b *Bridge) Complete(ctx context.Context, handle string, cb *http.Request) (*eid.Result, error) {
	s, err := b.sessions.get(ctx, handle, b.now())
	if errors.Is(err, store.ErrNotFound) {
		return nil, eid.ErrUnknownHandle
	}
	if err != nil {
		return nil, err
	}
	// TR-03130 §3.2.2.2: after a final answer the session is invalid;
	// deleting it also refuses a second callback with the same handle.
	defer func() {
		if err := b.sessions.delete(context.WithoutCancel(ctx), handle); err != nil {
			slog.WarnContext(ctx, "eid tr03130: delete session", "err", err)
		}
	}()
	if err := callbackError(cb); err != nil {
		return nil, err
	}
	resp, raw, err := b.poll(ctx, s)
	if err != nil {
		return nil, err
	}
	return b.result(s, resp, raw)
}

// callbackError reads what the eID-Client appended to the refresh
// address (TR-03124-1 §2.5: ResultMajor, ResultMinor) or that it used
// the CommunicationErrorAddress. Only a cancellation is taken from the
// browser; everything else is decided by getResult.
func callbackError(cb *http.Request) error {
	if cb == nil {
		return nil
	}
	q := cb.URL.Query()
	if strings.HasSuffix(q.Get("ResultMinor"), cancellationByUser) {
		return eid.ErrCancelled
	}
	if q.Get(commParam) != "" {
		return fmt.Errorf("%w: the eID-Client could not reach the eID-Server (%s)", ErrServer, q.Get("ResultMinor"))
	}
	return nil
}

// poll calls getResult with a fresh RequestCounter until the result is
// there, backing off between calls (bounded by MaxTries and ctx).
func (b *Bridge) poll(ctx context.Context, s session) (*getResultResponse, []byte, error) {
	delay := b.cfg.RetryDelay
	for try := 1; ; try++ {
		resp, raw, err := b.getResult(ctx, s)
		if err != nil || !noResultYet(resp.Result) {
			return resp, raw, err
		}
		if try >= b.cfg.MaxTries {
			return nil, nil, fmt.Errorf("%w: getResult: no result after %d tries", ErrServer, try)
		}
		if err := sleep(ctx, delay); err != nil {
			return nil, nil, err
		}
		delay = min(2*delay, 16*b.cfg.RetryDelay)
	}
}

func (b *Bridge) getResult(ctx context.Context, s session) (*getResultResponse, []byte, error) {
	n, err := b.sessions.nextCounter(ctx, s.Handle, b.now())
	if err != nil {
		return nil, nil, err
	}
	env, raw, err := b.call(ctx, bodyOut{GetResult: &getResultRequest{SessionID: s.SessionID, RequestCounter: n}})
	if err != nil {
		return nil, nil, err
	}
	if env.Body.GetResult == nil {
		return nil, nil, fmt.Errorf("%w: getResult: no getResultResponse", ErrServer)
	}
	return env.Body.GetResult, raw, nil
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
