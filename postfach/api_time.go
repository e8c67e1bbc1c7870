package postfach

import "time"

// Times in API answers and webhook bodies are RFC 3339 with the offset of
// Europe/Berlin (2026-11-26T00:00:00+01:00), not UTC: the Bekanntgabe
// rules count Berlin calendar days, and a sender taking the date part of
// a UTC instant would be a day off. The *_on fields give such a day as a
// plain date besides.

// inBerlin is t in Europe/Berlin (encoding/json writes RFC 3339).
func inBerlin(t time.Time) time.Time { return t.In(Berlin()) }

// inBerlinPtr is inBerlin for an optional time.
func inBerlinPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	b := inBerlin(*t)
	return &b
}

// berlinDay is t's calendar day in Europe/Berlin as YYYY-MM-DD, "" for nil.
func berlinDay(t *time.Time) string {
	if t == nil {
		return ""
	}
	return inBerlin(*t).Format(time.DateOnly)
}

// berlinRFC3339 formats t for a webhook body.
func berlinRFC3339(t time.Time) string { return inBerlin(t).Format(time.RFC3339) }
