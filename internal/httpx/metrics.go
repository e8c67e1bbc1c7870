// Package httpx holds the HTTP plumbing every component shares: request
// metrics by route pattern, access logging and panic recovery.
package httpx

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/felixge/httpsnoop"
	"github.com/prometheus/client_golang/prometheus"
)

// Metrics counts requests by route pattern, method and status and records
// their latency. It labels by the ServeMux pattern (never the raw path), so
// the number of series stays bounded whatever URLs clients send.
type Metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

// NewMetrics registers the HTTP metrics with reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mvnk_http_requests_total",
			Help: "HTTP requests by route pattern, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "mvnk_http_request_duration_seconds",
			Help:    "HTTP request latency by route pattern and method.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method"}),
	}
	reg.MustRegister(m.requests, m.latency)
	return m
}

type routeKey struct{}

// Wrap measures every request that passes through h.
func (m *Metrics) Wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		route := new(string)
		r = r.WithContext(context.WithValue(r.Context(), routeKey{}, route))
		start := time.Now()
		snoop := httpsnoop.CaptureMetrics(h, w, r)
		if *route == "" {
			*route = r.Pattern
		}
		if *route == "" {
			*route = "unmatched"
		}
		m.requests.WithLabelValues(*route, r.Method, strconv.Itoa(snoop.Code)).Inc()
		m.latency.WithLabelValues(*route, r.Method).Observe(time.Since(start).Seconds())
	})
}

// RecordRoute wraps a ServeMux that is mounted inside another one, so the
// metrics see the inner, more precise pattern. ServeMux sets r.Pattern on
// the request it is given; the innermost mux records first and wins.
func RecordRoute(mux http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, r)
		if route, ok := r.Context().Value(routeKey{}).(*string); ok && *route == "" && r.Pattern != "" {
			*route = r.Pattern
		}
	})
}
