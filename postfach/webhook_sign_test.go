package postfach_test

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/hex"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/postfach"
)

var (
	whSecret = []byte("geheim-32-zeichen-langes-secret!!")
	whBody   = []byte(`{"type":"message.retrieved"}`)
)

const whTS = int64(1672527599)

// The expected value was computed outside Go:
// printf '%s' '1672527599.{"type":"message.retrieved"}' | openssl dgst -sha512 -hmac 'geheim-32-zeichen-langes-secret!!'
func TestWebhookSignKnownAnswer(t *testing.T) {
	const want = "ff5c2088c2f24b754e39d6e842307396407dab53ec66b65afda550e3db43d2a2e1773dc6eb21270f984a621e409bbb852218a126eb062fbf07a0abc96ecb3808"
	require.Equal(t, want, postfach.Sign(whSecret, whBody, whTS))

	m := hmac.New(sha512.New, whSecret)
	m.Write([]byte(strconv.FormatInt(whTS, 10) + "." + string(whBody)))
	require.Equal(t, hex.EncodeToString(m.Sum(nil)), postfach.Sign(whSecret, whBody, whTS))
}

func TestWebhookVerify(t *testing.T) {
	now := time.Unix(whTS, 0).Add(2 * time.Minute)
	ts := strconv.FormatInt(whTS, 10)
	mac := postfach.Sign(whSecret, whBody, whTS)
	tests := []struct {
		name          string
		secret        []byte
		ts, mac, body string
		now           time.Time
		want          error
	}{
		{"valid", whSecret, ts, mac, string(whBody), now, nil},
		{"upper-case hex", whSecret, ts, strings.ToUpper(mac), string(whBody), now, nil},
		{"stale timestamp", whSecret, ts, mac, string(whBody), now.Add(4 * time.Minute), postfach.ErrWebhookTimestamp},
		{"timestamp from the future", whSecret, ts, mac, string(whBody), now.Add(-8 * time.Minute), postfach.ErrWebhookTimestamp},
		{"malformed timestamp", whSecret, "abc", mac, string(whBody), now, postfach.ErrWebhookTimestamp},
		{"signed timestamp", whSecret, "+" + ts, mac, string(whBody), now, postfach.ErrWebhookTimestamp},
		{"missing timestamp", whSecret, "", mac, string(whBody), now, postfach.ErrWebhookTimestamp},
		{"bad mac", whSecret, ts, strings.Repeat("0", len(mac)), string(whBody), now, postfach.ErrWebhookSignature},
		{"mac not hex", whSecret, ts, "zz" + mac[2:], string(whBody), now, postfach.ErrWebhookSignature},
		{"missing mac", whSecret, ts, "", string(whBody), now, postfach.ErrWebhookSignature},
		{"tampered body", whSecret, ts, mac, `{"type":"message.retrievee"}`, now, postfach.ErrWebhookSignature},
		{"other secret", []byte("anderes-secret"), ts, mac, string(whBody), now, postfach.ErrWebhookSignature},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := postfach.Verify(tc.secret, tc.ts, tc.mac, []byte(tc.body), tc.now)
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.want)
		})
	}
}
