package audit

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The encoding is a stored format: every hash ever written depends on it.
// This vector pins it; if it changes, old logs no longer verify.
func TestAuditEncodingV1IsPinned(t *testing.T) {
	e := Event{Type: LoginSuccess, Actor: "acc1", ActorKind: ActorAccount, ClientID: "portal",
		IP: "192.0.2.7", UserAgent: "Firefox", Subject: "",
		Details: map[string]string{"b": "2", "a": "1"},
		Time:    time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC)}
	require.Equal(t, "mvnk.audit.v1"+"1:7,16:1767323045000006,13:login.success,4:acc1,7:account,"+
		"6:portal,9:192.0.2.7,7:Firefox,0:,1:2,1:a,1:1,1:b,1:2,3:abc,",
		string(encodeV1(7, e, "abc")))
	h, err := entryHash(1, 7, e, "abc")
	require.NoError(t, err)
	require.Equal(t, "d4e155771ef2f7001f21acc83a63947dc8b027107e0ef189709cfc08b4504642", h)
}

// Length prefixes keep field boundaries: moving a character from one
// field to the next changes the hash.
func TestAuditEncodingKeepsFieldBoundaries(t *testing.T) {
	a := Event{Type: "x", Actor: "ab", Subject: "c"}
	b := Event{Type: "x", Actor: "a", Subject: "bc"}
	c := Event{Type: "x", Details: map[string]string{"k": "v=w"}}
	d := Event{Type: "x", Details: map[string]string{"k=v": "w"}}
	require.NotEqual(t, encodeV1(1, a, ""), encodeV1(1, b, ""))
	require.NotEqual(t, encodeV1(1, c, ""), encodeV1(1, d, ""))
}
