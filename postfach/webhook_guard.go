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
// loopback only for development and tests; link-local, unspecified and
// multicast never.
type addressPolicy struct{ private, loopback bool }

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
