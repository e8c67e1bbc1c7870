package postfach

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// ErrWebhookAddress: the endpoint is on an address webhooks may not go to.
// A sender could otherwise make this server post to itself, its database
// or a cloud metadata service (server-side request forgery).
var ErrWebhookAddress = fmt.Errorf("%w: address not allowed", ErrWebhookURL)

// addressPolicy says which addresses a webhook may reach. Public unicast
// addresses always; private networks (RFC 1918, RFC 4193) when the
// operator allows them (Fachverfahren inside an administration network);
// loopback only for development and tests; link-local, unspecified,
// multicast and the special ranges of refusedPrefixes never. IPv6
// addresses that carry an IPv4 address — NAT64, 6to4, IPv4-compatible
// and -translated — are refused whole: each could lead to any IPv4
// host, internal ones included, past the checks above (IPv4-mapped
// addresses are unmapped and checked as IPv4).
type addressPolicy struct{ private, loopback bool }

// refusedPrefixes are special-purpose ranges (RFC 6890 and successors)
// that are no Fachverfahren's address but may reach infrastructure.
var refusedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),     // "this network" (RFC 791)
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT (RFC 6598); cloud metadata at 100.100.100.200
	netip.MustParsePrefix("192.0.0.0/24"),  // IETF protocol assignments (RFC 6890)
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking (RFC 2544)
	netip.MustParsePrefix("240.0.0.0/4"),   // reserved, with 255.255.255.255 (RFC 1112, RFC 919)
	netip.MustParsePrefix("fec0::/10"),     // site-local, deprecated (RFC 3879)
	netip.MustParsePrefix("2001:db8::/32"), // documentation (RFC 3849)
	// IPv6 addresses that carry an IPv4 address:
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64 (RFC 6052)
	netip.MustParsePrefix("64:ff9b:1::/48"),  // NAT64 local use (RFC 8215)
	netip.MustParsePrefix("2002::/16"),       // 6to4 (RFC 3056)
	netip.MustParsePrefix("::/96"),           // IPv4-compatible, deprecated (RFC 4291 §2.5.5.1)
	netip.MustParsePrefix("::ffff:0:0:0/96"), // IPv4-translated (RFC 2765)
}

func (p addressPolicy) allows(ip netip.Addr) bool {
	ip = ip.Unmap()
	switch {
	case ip.IsLoopback():
		return p.loopback
	case ip.IsPrivate():
		return p.private || p.loopback
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast(), ip.IsUnspecified(), ip.IsMulticast(),
		ip.IsInterfaceLocalMulticast():
		return false
	}
	for _, pre := range refusedPrefixes {
		if pre.Contains(ip) {
			return false
		}
	}
	return ip.IsGlobalUnicast()
}

// allowsHost checks a host name of a URL at registration: a literal
// address by the policy, "localhost" as loopback. Other names are checked
// when the connection is made, on the address they resolve to then.
func (p addressPolicy) allowsHost(host string) bool {
	if host == "localhost" {
		return p.loopback
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		return p.allows(ip)
	}
	return true
}

// control refuses a connection to an address the policy does not allow,
// after name resolution, so a name can't be pointed at an internal
// address later (DNS rebinding).
func (p addressPolicy) control(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil || !p.allows(ap.Addr()) {
		return fmt.Errorf("%w: %s", ErrWebhookAddress, address)
	}
	return nil
}

// webhookClient connects only where the policy allows and never follows
// a redirect: the registered URL is the only place a signed event goes (a
// 3xx counts as a failed attempt). No proxy: the address checked is the
// endpoint's own.
func webhookClient(timeout time.Duration, p addressPolicy) *http.Client {
	dialer := &net.Dialer{Timeout: timeout, Control: p.control}
	transport := &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return dialer.DialContext(ctx, network, addr)
		},
		TLSHandshakeTimeout: timeout,
		MaxIdleConnsPerHost: 4,
		IdleConnTimeout:     90 * time.Second,
		ForceAttemptHTTP2:   true,
	}
	return &http.Client{
		Timeout:       timeout,
		Transport:     transport,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
