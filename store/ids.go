package store

import (
	"crypto/rand"
	"encoding/base32"
	"time"
)

var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// NewID returns a random 128-bit identifier in lower-case base32 (26 chars).
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	return idEncoding.EncodeToString(b[:])
}

// Micros converts an instant into the stored form: microseconds since the
// Unix epoch, which is UTC by definition.
func Micros(t time.Time) int64 { return t.UnixMicro() }

// FromMicros converts a stored instant back, in UTC.
func FromMicros(us int64) time.Time { return time.UnixMicro(us).UTC() }
