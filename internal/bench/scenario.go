package bench

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// newWorker builds one simulated client; building it may already talk to
// the server (a first login, a first refresh token).
type newWorker func(ctx context.Context) (worker, error)

// run runs one scenario: build the workers, warm up, measure. A scenario
// the server cannot serve is reported unavailable, with the reason.
func (b *bench) run(ctx context.Context, name string) Result {
	workers, err := b.workers(ctx, name)
	if err != nil {
		return Result{Scenario: name, Unavailable: oneLine(err)}
	}
	stop := sampleRSS(ctx, b.metrics, b.metricsURL(), 500*time.Millisecond)
	if b.opts.Warmup > 0 {
		runPhase(ctx, workers, limit{duration: b.opts.Warmup, rate: b.opts.Rate})
	}
	recs, elapsed := runPhase(ctx, workers, b.measured())
	res := summarize(name, recs, elapsed)
	res.PeakRSS = stop()
	if name == AuthorizationCode {
		res.Note = "req/s counts whole flows (authorize + exchange); latencies are the exchange alone"
	}
	return res
}

// measured is the limit of the measured phase: a request count if one was
// asked for, else the duration.
func (b *bench) measured() limit {
	if b.opts.Requests > 0 {
		left := new(atomic.Int64)
		left.Store(int64(b.opts.Requests))
		return limit{left: left, rate: b.opts.Rate}
	}
	return limit{duration: b.opts.Duration, rate: b.opts.Rate}
}

// workers builds one worker per simulated client, in parallel.
func (b *bench) workers(ctx context.Context, name string) ([]worker, error) {
	mk, err := b.factory(ctx, name)
	if err != nil {
		return nil, err
	}
	ws := make([]worker, b.opts.Concurrency)
	errs := make([]error, len(ws))
	var wg sync.WaitGroup
	for i := range ws {
		wg.Go(func() { ws[i], errs[i] = retry(ctx, mk) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return ws, nil
}

// factory checks what a scenario needs from the server and returns how to
// build its workers.
func (b *bench) factory(ctx context.Context, name string) (newWorker, error) {
	needsCode := name == Refresh || name == AuthorizationCode
	switch {
	case name == Introspection && b.ep.Introspection == "":
		return nil, errors.New("the discovery document has no introspection_endpoint")
	case needsCode && b.ep.Authorization == "":
		return nil, errors.New("the discovery document has no authorization_endpoint")
	case needsCode && b.opts.RedirectURI == "":
		return nil, errors.New("needs --redirect-uri (registered for the client) and a server that logs in automatically")
	}
	switch name {
	case ClientCredentials:
		return b.newTokenWorker, nil
	case Introspection:
		return b.introspectionWorkers(ctx)
	case Refresh:
		return b.newRefreshWorker, nil
	case AuthorizationCode:
		return b.newCodeWorker, nil
	}
	return nil, fmt.Errorf("unknown scenario %q", name)
}

// retry tries a set-up step three times, so one failed request does not
// make a whole scenario unavailable.
func retry[T any](ctx context.Context, f func(context.Context) (T, error)) (T, error) {
	var v T
	var err error
	for range 3 {
		if v, err = f(ctx); err == nil || ctx.Err() != nil {
			break
		}
	}
	return v, err
}

func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }
