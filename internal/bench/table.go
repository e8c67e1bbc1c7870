package bench

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// WriteTable prints the report for people: one row per scenario, then the
// peak memory, the most frequent errors and the notes.
func (r *Report) WriteTable(w io.Writer) error {
	fmt.Fprintf(w, "mvnk bench %s: %d clients, %s, warmup %s\n\n", r.Issuer, r.Concurrency, r.limit(), r.Warmup)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SCENARIO\tREQUESTS\tERRORS\tREQ/S\tP50\tP90\tP99\tMAX\tSERVER RSS")
	for _, s := range r.Scenarios {
		if s.Unavailable != "" {
			fmt.Fprintf(tw, "%s\tunavailable: %s\n", s.Scenario, s.Unavailable)
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f\t%s\t%s\t%s\t%s\t%s\n", s.Scenario, s.Requests, s.Errors, s.RPS,
			fmtMs(s.P50), fmtMs(s.P90), fmtMs(s.P99), fmtMs(s.Max), fmtBytes(s.PeakRSS))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nserver peak memory (%s): %s\n", rssMetric, fmtBytes(r.PeakRSS()))
	r.writeDetails(w)
	if r.Interrupted {
		fmt.Fprintln(w, "interrupted: the figures cover the time until Ctrl-C")
	}
	return nil
}

func (r *Report) writeDetails(w io.Writer) {
	for _, s := range r.Scenarios {
		for _, e := range s.ErrorSamples {
			fmt.Fprintf(w, "%s error ×%d: %s\n", s.Scenario, e.Count, e.Message)
		}
		if s.Note != "" && s.Unavailable == "" {
			fmt.Fprintf(w, "%s: %s\n", s.Scenario, s.Note)
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintln(w, "note:", n)
	}
}

func (r *Report) limit() string {
	l := fmt.Sprintf("%s per scenario", r.Duration)
	if r.Requests > 0 {
		l = fmt.Sprintf("%d requests per scenario", r.Requests)
	}
	if r.Rate > 0 {
		l += fmt.Sprintf(" at %g requests/s", r.Rate)
	}
	return l
}

func fmtMs(d time.Duration) string {
	return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000)
}

func fmtBytes(n int64) string {
	if n <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
