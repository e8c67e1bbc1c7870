package bench

import (
	"encoding/json"
	"time"
)

// Report is the outcome of one run.
type Report struct {
	Issuer      string        `json:"issuer"`
	Concurrency int           `json:"concurrency"`
	Duration    time.Duration `json:"-"` // per scenario, when Requests is 0
	Requests    int           `json:"requests,omitempty"`
	Rate        float64       `json:"rate,omitempty"` // fixed arrival rate, requests/s

	Warmup      time.Duration `json:"-"`
	Scenarios   []Result      `json:"scenarios"`
	Interrupted bool          `json:"interrupted,omitempty"` // stopped by Ctrl-C
	Notes       []string      `json:"notes,omitempty"`
}

// Result is what one scenario measured. Requests counts every attempt,
// Errors the failed ones among them; the latencies cover every request
// that was sent, failed or not.
type Result struct {
	Scenario     string        `json:"scenario"`
	Unavailable  string        `json:"unavailable,omitempty"` // why the server could not serve it
	Requests     int           `json:"requests"`
	Errors       int           `json:"errors"`
	RPS          float64       `json:"requests_per_second"`
	Elapsed      time.Duration `json:"-"`
	P50          time.Duration `json:"-"`
	P90          time.Duration `json:"-"`
	P99          time.Duration `json:"-"`
	Max          time.Duration `json:"-"`
	PeakRSS      int64         `json:"server_peak_rss_bytes,omitempty"` // 0: not available
	ErrorSamples []ErrorCount  `json:"error_samples,omitempty"`
	Note         string        `json:"note,omitempty"`
}

// ErrorCount is one distinct error message and how often it occurred.
type ErrorCount struct {
	Message string `json:"message"`
	Count   int    `json:"count"`
}

// PeakRSS is the server's largest resident memory seen in the whole run;
// 0 when the server exposes no process_resident_memory_bytes.
func (r *Report) PeakRSS() int64 {
	var top int64
	for _, s := range r.Scenarios {
		top = max(top, s.PeakRSS)
	}
	return top
}

// MarshalJSON shows durations in seconds and the overall peak memory.
func (r *Report) MarshalJSON() ([]byte, error) {
	type plain Report
	return json.Marshal(struct {
		*plain
		DurationS float64 `json:"duration_s,omitempty"`
		WarmupS   float64 `json:"warmup_s"`
		PeakRSS   int64   `json:"server_peak_rss_bytes,omitempty"`
	}{(*plain)(r), r.Duration.Seconds(), r.Warmup.Seconds(), r.PeakRSS()})
}

// MarshalJSON shows latencies in milliseconds.
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result
	return json.Marshal(struct {
		plain
		ElapsedS float64 `json:"elapsed_s"`
		P50ms    float64 `json:"p50_ms"`
		P90ms    float64 `json:"p90_ms"`
		P99ms    float64 `json:"p99_ms"`
		MaxMs    float64 `json:"max_ms"`
	}{plain(r), r.Elapsed.Seconds(), ms(r.P50), ms(r.P90), ms(r.P99), ms(r.Max)})
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
