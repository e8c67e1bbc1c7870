package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/store"
	"mvnk/store/jobs"
	"mvnk/store/storetest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// newClock starts a second ahead of the wall clock, so that jobs enqueued
// "now" (by the wall clock) are due for the runner.
func newClock() *clock { return &clock{now: time.Now().Add(time.Second)} }

func runner(db *store.DB, c *clock, node string) *jobs.Runner {
	return jobs.NewRunner(db, quiet, jobs.Options{Node: node, Now: c.Now, Lease: time.Minute})
}

func count(t *testing.T, db *store.DB, where string) int {
	var n int
	require.NoError(t, db.QueryRow(`SELECT COUNT(*) FROM jobs WHERE `+where).Scan(&n))
	return n
}

func TestOneOffJobRunsOnceAndIsRemoved(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newClock()
		var got []string
		r := runner(db, c, "a")
		r.Handle("greet", func(_ context.Context, p string) error { got = append(got, p); return nil })
		require.NoError(t, jobs.Enqueue(ctx, db, jobs.Job{Kind: "greet", Payload: "hallo"}))
		n, err := r.RunDue(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, n)
		require.Equal(t, []string{"hallo"}, got)
		require.Zero(t, count(t, db, "1=1"))
	}, jobs.Migrations)
}

func TestFutureJobWaits(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newClock()
		r := runner(db, c, "a")
		r.Handle("later", func(context.Context, string) error { return nil })
		require.NoError(t, jobs.Enqueue(ctx, db, jobs.Job{Kind: "later", RunAt: c.Now().Add(time.Hour)}))
		n, _ := r.RunDue(ctx)
		require.Zero(t, n)
		c.Add(2 * time.Hour)
		n, _ = r.RunDue(ctx)
		require.Equal(t, 1, n)
	}, jobs.Migrations)
}

func TestFailureRetriesWithBackoffThenFails(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newClock()
		r := runner(db, c, "a")
		calls := 0
		r.Handle("flaky", func(context.Context, string) error { calls++; return errors.New("partner down") })
		require.NoError(t, jobs.Enqueue(ctx, db, jobs.Job{Kind: "flaky", MaxAttempts: 3}))
		for range 3 {
			n, err := r.RunDue(ctx)
			require.NoError(t, err)
			require.Equal(t, 1, n)
			n, _ = r.RunDue(ctx)
			require.Zero(t, n, "a failed job waits for its back-off")
			c.Add(2 * time.Hour)
		}
		require.Equal(t, 3, calls)
		require.Equal(t, 1, count(t, db, "state = 'failed' AND last_error = 'partner down'"))
		n, _ := r.RunDue(ctx)
		require.Zero(t, n, "a failed job is not run again")
	}, jobs.Migrations)
}

func TestPanicIsAFailure(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r := runner(db, newClock(), "a")
		r.Handle("boom", func(context.Context, string) error { panic("kaputt") })
		require.NoError(t, jobs.Enqueue(ctx, db, jobs.Job{Kind: "boom"}))
		_, err := r.RunDue(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, count(t, db, "last_error = 'panic: kaputt' AND state = 'pending'"))
	}, jobs.Migrations)
}

func TestUniqueKeyAddsOnce(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for range 3 {
			require.NoError(t, jobs.Enqueue(ctx, db, jobs.Job{Kind: "k", UniqueKey: "mail:42"}))
		}
		require.Equal(t, 1, count(t, db, "1=1"))
	}, jobs.Migrations)
}

// Many nodes, many jobs: every job runs exactly once.
func TestManyNodesRunEachJobOnce(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		const total = 60
		for i := range total {
			require.NoError(t, jobs.Enqueue(ctx, db, jobs.Job{Kind: "n", Payload: fmt.Sprint(i)}))
		}
		var mu sync.Mutex
		seen := map[string]int{}
		c := newClock()
		var wg sync.WaitGroup
		for node := range 4 {
			r := runner(db, c, fmt.Sprint("node", node))
			r.Handle("n", func(_ context.Context, p string) error {
				mu.Lock()
				defer mu.Unlock()
				seen[p]++
				return nil
			})
			wg.Go(func() {
				_, err := r.RunDue(ctx)
				require.NoError(t, err)
			})
		}
		wg.Wait()
		require.Len(t, seen, total)
		for p, n := range seen {
			require.Equal(t, 1, n, "job %s ran %d times", p, n)
		}
	}, jobs.Migrations)
}

// A periodic job exists once in the cluster however many nodes schedule it.
func TestPeriodicJobOnePerCluster(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		c := newClock()
		var runs atomic.Int32
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		for node := range 3 {
			r := runner(db, c, fmt.Sprint("node", node))
			r.Every("rotate", time.Hour, func(context.Context, string) error { runs.Add(1); return nil })
			wg.Go(func() { require.NoError(t, r.Run(ctx)) })
		}
		require.Eventually(t, func() bool { return runs.Load() >= 1 }, 10*time.Second, 10*time.Millisecond)
		cancel()
		wg.Wait()
		require.Equal(t, int32(1), runs.Load(), "one node ran it; the next run is an hour away")
		require.Equal(t, 1, count(t, db, "unique_key = 'every:rotate'"))
	}, jobs.Migrations)
}

// A node that died holding a job loses it when its lease lapses.
func TestLapsedLeaseIsTakenOver(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newClock()
		require.NoError(t, jobs.Enqueue(ctx, db, jobs.Job{Kind: "x"}))
		_, err := db.Exec(`UPDATE jobs SET locked_by = 'dead', locked_until = $1`, store.Micros(c.Now().Add(time.Minute)))
		require.NoError(t, err)
		r := runner(db, c, "alive")
		ran := 0
		r.Handle("x", func(context.Context, string) error { ran++; return nil })
		n, _ := r.RunDue(ctx)
		require.Zero(t, n, "still leased")
		c.Add(2 * time.Minute)
		n, _ = r.RunDue(ctx)
		require.Equal(t, 1, n)
		require.Equal(t, 1, ran)
	}, jobs.Migrations)
}

// On shutdown a running job finishes; its context is not cancelled.
func TestShutdownLetsRunningJobFinish(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		r := jobs.NewRunner(db, quiet, jobs.Options{Poll: 10 * time.Millisecond})
		started, finished := make(chan struct{}), make(chan error, 1)
		r.Handle("slow", func(jobCtx context.Context, _ string) error {
			close(started)
			cancel()
			select {
			case <-jobCtx.Done():
				finished <- jobCtx.Err()
			case <-time.After(50 * time.Millisecond):
				finished <- nil
			}
			return nil
		})
		require.NoError(t, jobs.Enqueue(context.Background(), db, jobs.Job{Kind: "slow"}))
		require.NoError(t, r.Run(ctx))
		<-started
		require.NoError(t, <-finished)
		require.Zero(t, count(t, db, "1=1"), "the job's success was recorded")
	}, jobs.Migrations)
}
