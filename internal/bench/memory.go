package bench

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const rssMetric = "process_resident_memory_bytes"

// sampleRSS polls the server's Prometheus endpoint every interval for its
// resident memory and keeps the maximum. It is best effort: stop returns 0
// when no sample could be read.
func sampleRSS(ctx context.Context, client *http.Client, url string, every time.Duration) (stop func() int64) {
	if url == "" {
		return func() int64 { return 0 }
	}
	ctx, cancel := context.WithCancel(ctx)
	peak := make(chan int64, 1)
	go func() {
		var top int64
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			if v, err := scrapeRSS(ctx, client, url); err == nil {
				top = max(top, v)
			}
			select {
			case <-ctx.Done():
				peak <- top
				return
			case <-t.C:
			}
		}
	}()
	return func() int64 {
		cancel()
		return <-peak
	}
}

func scrapeRSS(ctx context.Context, client *http.Client, url string) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept", "text/plain") // the text exposition format
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("metrics: HTTP %d", resp.StatusCode)
	}
	return parseRSS(io.LimitReader(resp.Body, 16*maxBody))
}

// parseRSS finds the metric in the Prometheus text format: a line
// `name[{labels}] value [timestamp]`.
func parseRSS(r io.Reader) (int64, error) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), rssMetric)
		if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '{') {
			continue
		}
		if i := strings.LastIndexByte(rest, '}'); i >= 0 {
			rest = rest[i+1:]
		}
		if f := strings.Fields(rest); len(f) > 0 {
			v, err := strconv.ParseFloat(f[0], 64)
			return int64(v), err
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("metrics: no %s", rssMetric)
}
