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

type guardCase struct {
	url     string
	opts    postfach.WebhookOptions
	allowed bool
}

// Without the development allowance a sender can't point its webhook at
// this host, the cloud metadata service or (unless allowed) a private
// network: refused at registration for a literal address.
func TestWebhookAddressPolicyAtRegistration(t *testing.T) {
	all := postfach.WebhookEventTypes
	cases := []guardCase{
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
	// Special-purpose ranges, refused even where private networks and
	// loopback are allowed.
	dev := postfach.WebhookOptions{AllowPrivate: true, AllowLoopback: true}
	for _, host := range []string{"100.100.100.200", "100.64.0.1", "100.127.255.254", "0.1.2.3",
		"192.0.0.8", "198.18.0.1", "198.19.255.254", "240.0.0.1", "255.255.255.255",
		"[64:ff9b::808:808]", "[64:ff9b:1::1]", "[2002:808:808::1]", "[fec0::1]", "[2001:db8::1]",
		"[::a9fe:a9fe]", "[::ffff:0:a00:1]"} {
		cases = append(cases, guardCase{"https://" + host + "/cb", dev, false})
	}
	// Addresses that carry an IPv4 address (NAT64, 6to4, IPv4-translated)
	// are refused whole, so loopback and metadata can't hide in them.
	for _, host := range []string{"[64:ff9b::7f00:1]", "[64:ff9b::a9fe:a9fe]", "[2002:a9fe:a9fe::1]",
		"[64:ff9b:1:a9fe:a9:fe00::]", "[::ffff:0:7f00:1]"} {
		cases = append(cases, guardCase{"https://" + host + "/cb", postfach.WebhookOptions{}, false})
	}
	// Just outside the refused ranges.
	for _, host := range []string{"100.63.255.254", "100.128.0.1", "198.17.255.254", "198.20.0.1",
		"192.0.1.1", "1.0.0.1", "[2001:db9::1]", "[2003::1]", "[2606:4700::1111]"} {
		cases = append(cases, guardCase{"https://" + host + "/cb", postfach.WebhookOptions{}, true})
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
		require.Equal(t, "address_not_allowed", log[0].Error, "no resolved address shown")
	}, whSets...)
}
