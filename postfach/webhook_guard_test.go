package postfach_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/postfach"
	"mvnk/store"
	"mvnk/store/storetest"
)

// Without the development allowance a sender can't point its webhook at
// this host, the cloud metadata service or (unless allowed) a private
// network: refused at registration for a literal address.
func TestWebhookAddressPolicyAtRegistration(t *testing.T) {
	all := postfach.WebhookEventTypes
	cases := []struct {
		url     string
		opts    postfach.WebhookOptions
		allowed bool
	}{
		{"https://fv.example.org/cb", postfach.WebhookOptions{}, true},
		{"https://93.184.215.14/cb", postfach.WebhookOptions{}, true},
		{"https://127.0.0.1/cb", postfach.WebhookOptions{}, false},
		{"https://localhost/cb", postfach.WebhookOptions{}, false},
		{"https://[::1]/cb", postfach.WebhookOptions{}, false},
		{"https://[::ffff:127.0.0.1]/cb", postfach.WebhookOptions{}, false},
		{"http://127.0.0.1:8080/cb", postfach.WebhookOptions{}, false},
		{"https://169.254.169.254/latest/meta-data", postfach.WebhookOptions{}, false},
		{"https://169.254.169.254/latest/meta-data", postfach.WebhookOptions{AllowPrivate: true, AllowLoopback: true}, false},
		{"https://0.0.0.0/cb", postfach.WebhookOptions{AllowLoopback: true}, false},
		{"https://10.1.2.3/cb", postfach.WebhookOptions{}, false},
		{"https://10.1.2.3/cb", postfach.WebhookOptions{AllowPrivate: true}, true},
		{"https://[fd00::1]/cb", postfach.WebhookOptions{AllowPrivate: true}, true},
		{"http://10.1.2.3/cb", postfach.WebhookOptions{AllowPrivate: true}, false},
		{"http://127.0.0.1:8080/cb", postfach.WebhookOptions{AllowLoopback: true}, true},
	}
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		for _, c := range cases {
			w := postfach.NewWebhooks(db, whSealer(t), whQuiet, c.opts)
			_, err := w.Register(context.Background(), "fv1", c.url, all)
			if c.allowed {
				require.NoError(t, err, "%s %+v", c.url, c.opts)
			} else {
				require.ErrorIs(t, err, postfach.ErrWebhookURL, "%s %+v", c.url, c.opts)
			}
		}
	}, whSets...)
}

// A name is checked on the address it resolves to when the callback is
// sent: a name that leads to this host is not posted to, and the attempt
// is logged as failed.
func TestWebhookNameResolvingToLoopbackNotPosted(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		rc := whListen(t)
		dev := whNew(t, db, postfach.WebhookOptions{}) // allows loopback: registers
		u, err := url.Parse(rc.srv.URL)
		require.NoError(t, err)
		secret, err := dev.Register(context.Background(), "fv1", "http://localhost:"+u.Port()+"/callback", postfach.WebhookEventTypes)
		require.NoError(t, err)
		rc.secret = []byte(secret)

		prod := postfach.NewWebhooks(db, whSealer(t), whQuiet, postfach.WebhookOptions{})
		whEnqueue(t, db, prod, "fv1", whEvent)
		whRunDue(t, whRunner(db, prod, &whClock{now: time.Now().Add(time.Second)}))
		bodies, _ := rc.received()
		require.Empty(t, bodies, "nothing reached the loopback receiver")
		log, err := prod.ListDeliveries(context.Background(), "fv1", 10)
		require.NoError(t, err)
		require.Len(t, log, 1)
		require.Contains(t, log[0].Error, "address not allowed")
	}, whSets...)
}
