package audit

import (
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits keep one entry small whatever a client sends (a user agent is
// attacker-controlled). Lengths count characters, not bytes.
const (
	MaxUserAgent   = 512
	MaxDetails     = 20
	MaxDetailValue = 256
	maxField       = 256 // every other text field, detail keys included
)

// clamp returns e normalized for storing and hashing: time in UTC at the
// stored precision, text valid UTF-8 without NUL (PostgreSQL refuses both
// in TEXT, which would lose the entry), and every field within its limit.
// It logs what it cut, so a caller that sends too much learns about it.
func (l *Log) clamp(e Event) Event {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	e.Time = e.Time.UTC().Truncate(time.Microsecond)
	cut := false
	for _, f := range []*string{&e.Type, &e.Actor, &e.ActorKind, &e.ClientID, &e.IP, &e.Subject} {
		*f = clip(*f, maxField, &cut)
	}
	e.UserAgent = clip(e.UserAgent, MaxUserAgent, &cut)
	e.Details = clampDetails(e.Details, &cut)
	if cut {
		l.logger.Warn("audit event truncated to its limits", "type", e.Type)
	}
	return e
}

// clampDetails keeps the first MaxDetails entries in key order, so the
// same input always keeps the same entries.
func clampDetails(in map[string]string, cut *bool) map[string]string {
	if len(in) == 0 {
		return nil
	}
	out := make(map[string]string, min(len(in), MaxDetails))
	for _, k := range slices.Sorted(maps.Keys(in)) {
		if len(out) == MaxDetails {
			*cut = true
			break
		}
		out[clip(k, maxField, cut)] = clip(in[k], MaxDetailValue, cut)
	}
	return out
}

// clip makes s valid UTF-8 without NUL and at most n characters long.
func clip(s string, n int, cut *bool) string {
	if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
		s = strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	*cut = true
	return string([]rune(s)[:n])
}
