package bench

import (
	"cmp"
	"context"
	"slices"
	"time"
)

// maxMessages bounds the distinct error messages one worker keeps, so a
// server that puts request ids into its errors cannot grow the map.
const maxMessages = 8

// recorder holds one worker's measurements. Only its worker writes to it,
// so it needs no lock; the phase merges all recorders when it ends.
type recorder struct {
	samples  []time.Duration // latency of every request sent, failed or not
	skipped  int             // attempts whose preparation failed, so nothing was sent
	errors   int
	messages map[string]int
}

func newRecorder() *recorder {
	return &recorder{samples: make([]time.Duration, 0, 1024), messages: map[string]int{}}
}

// add records a sent request. A request cut off by Ctrl-C is dropped: it
// measured the interruption, not the server.
func (r *recorder) add(ctx context.Context, d time.Duration, err error) {
	if err != nil && ctx.Err() != nil {
		return
	}
	r.samples = append(r.samples, d)
	if err != nil {
		r.fail(err)
	}
}

// unsent records an attempt that failed before its request (an authorize
// step, a new refresh chain): it counts as a request and as an error.
func (r *recorder) unsent(ctx context.Context, err error) {
	if ctx.Err() != nil {
		return
	}
	r.skipped++
	r.fail(err)
}

func (r *recorder) fail(err error) {
	r.errors++
	msg := oneLine(err)
	if _, ok := r.messages[msg]; ok || len(r.messages) < maxMessages {
		r.messages[msg]++
	}
}

// summarize merges the recorders of one phase into a Result.
func summarize(name string, recs []*recorder, elapsed time.Duration) Result {
	res := Result{Scenario: name, Elapsed: elapsed}
	var all []time.Duration
	msgs := map[string]int{}
	for _, r := range recs {
		all = append(all, r.samples...)
		res.Requests += len(r.samples) + r.skipped
		res.Errors += r.errors
		for m, n := range r.messages {
			msgs[m] += n
		}
	}
	slices.Sort(all)
	if elapsed > 0 {
		res.RPS = float64(res.Requests) / elapsed.Seconds()
	}
	res.P50, res.P90, res.P99 = percentile(all, 50), percentile(all, 90), percentile(all, 99)
	res.Max = percentile(all, 100)
	res.ErrorSamples = topMessages(msgs, 5)
	return res
}

// percentile is the nearest-rank p-th percentile of sorted samples: the
// smallest sample that at least p percent of all samples do not exceed.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 · n), in integers
	return sorted[max(rank, 1)-1]
}

// topMessages returns the n most frequent messages, ties by text.
func topMessages(msgs map[string]int, n int) []ErrorCount {
	out := make([]ErrorCount, 0, len(msgs))
	for m, c := range msgs {
		out = append(out, ErrorCount{Message: m, Count: c})
	}
	slices.SortFunc(out, func(a, b ErrorCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Message, b.Message))
	})
	return out[:min(n, len(out))]
}
