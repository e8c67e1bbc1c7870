package postfach

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"strconv"
	"time"
)

// Headers of a signed callback, as FIT-Connect names them (egov-standards §5.7).
const (
	HeaderCallbackAuthentication = "callback-authentication" // hex HMAC-SHA512
	HeaderCallbackTimestamp      = "callback-timestamp"      // Unix seconds
)

// WebhookMaxAge is how far a callback's timestamp may lie from the
// receiver's clock, either way (FIT-Connect: older than 5 minutes → reject).
const WebhookMaxAge = 5 * time.Minute

// Errors of Verify.
var (
	ErrWebhookTimestamp = errors.New("webhook: missing, malformed or stale callback-timestamp")
	ErrWebhookSignature = errors.New("webhook: callback-authentication does not match")
)

// Sign returns the callback-authentication value for body sent at ts:
// hex(HMAC-SHA512(secret, ts + "." + body)) (egov-standards §5.7).
func Sign(secret, body []byte, ts int64) string {
	return hex.EncodeToString(webhookMAC(secret, strconv.FormatInt(ts, 10), body))
}

// Verify checks a received callback, for Fachverfahren and for our own
// tests: the timestamp must be within WebhookMaxAge of now and the MAC
// must match, compared in constant time. The MAC covers the timestamp
// header exactly as sent.
func Verify(secret []byte, tsHeader, macHeader string, body []byte, now time.Time) error {
	ts, err := strconv.ParseInt(tsHeader, 10, 64)
	if err != nil || tsHeader == "" || tsHeader[0] == '+' || tsHeader[0] == '-' {
		return ErrWebhookTimestamp
	}
	if d := now.Sub(time.Unix(ts, 0)); d > WebhookMaxAge || d < -WebhookMaxAge {
		return ErrWebhookTimestamp
	}
	got, err := hex.DecodeString(macHeader)
	if err != nil || !hmac.Equal(got, webhookMAC(secret, tsHeader, body)) {
		return ErrWebhookSignature
	}
	return nil
}

func webhookMAC(secret []byte, ts string, body []byte) []byte {
	m := hmac.New(sha512.New, secret)
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}
