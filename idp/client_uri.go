package idp

import (
	"net/url"
	"slices"
	"strings"
)

// checkRedirectURI returns what is wrong with a redirect URI, or "".
// Redirect URIs are compared exactly (RFC 9700 §2.1, §4.1.3), so they are
// absolute, have no fragment (RFC 6749 §3.1.2) and no wildcard. https is
// required, except loopback http for native apps (RFC 8252 §7.3) and, for
// native (public) clients, a private-use scheme (RFC 8252 §7.1).
func checkRedirectURI(raw string, native bool) string {
	if strings.Contains(raw, "*") {
		return "Platzhalter (*) sind nicht erlaubt; Redirect-URIs werden exakt verglichen"
	}
	u, msg := parseAbsolute(raw)
	if msg != "" {
		return msg
	}
	switch u.Scheme {
	case "https", "http":
		return checkWebScheme(u, true)
	}
	if !native {
		return "eigene URI-Schemata sind nur für native (öffentliche) Clients erlaubt (RFC 8252 §7.1)"
	}
	if !strings.Contains(u.Scheme, ".") {
		return "ein eigenes Schema muss auf einem Domainnamen beruhen, z. B. de.mv.app:/callback (RFC 8252 §7.1)"
	}
	return ""
}

// checkWebURI checks an https endpoint of the client (back-channel logout,
// jwks_uri); loopback http only where allowLoopback.
func checkWebURI(raw string, allowLoopback bool) string {
	u, msg := parseAbsolute(raw)
	if msg != "" {
		return msg
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return "muss eine https-URI sein"
	}
	return checkWebScheme(u, allowLoopback)
}

func parseAbsolute(raw string) (*url.URL, string) {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return nil, "ist keine gültige URI"
	case !u.IsAbs():
		return nil, "muss eine absolute URI mit Schema sein"
	case strings.Contains(raw, "#"):
		return nil, "darf kein Fragment (#) enthalten (RFC 6749 §3.1.2)"
	case u.User != nil:
		return nil, "darf keine Benutzerangaben (user@) enthalten"
	}
	return u, ""
}

func checkWebScheme(u *url.URL, allowLoopback bool) string {
	if u.Hostname() == "" {
		return "braucht einen Host"
	}
	if u.Scheme == "https" || (allowLoopback && isLoopback(u.Hostname())) {
		return ""
	}
	if allowLoopback {
		return "http ist nur für Loopback-Adressen (localhost, 127.0.0.1, [::1]) erlaubt (RFC 8252 §7.3); sonst https"
	}
	return "muss eine https-URI sein"
}

func isLoopback(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

// redirectHosts lists the distinct hosts of the redirect URIs, sorted: the
// sector of pairwise subjects (OIDC Core §8.1). A private-use scheme
// (de.mv.app:/cb) has no host; its reverse domain name stands in.
func redirectHosts(uris []string) []string {
	var hosts []string
	for _, raw := range uris {
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		h := u.Hostname()
		if h == "" {
			h = u.Scheme
		}
		if h != "" && !slices.Contains(hosts, h) {
			hosts = append(hosts, h)
		}
	}
	slices.Sort(hosts)
	return hosts
}

// validHost accepts a DNS name such as dienst.mv.de (letters, digits,
// hyphens, dots; at most 253 characters).
func validHost(s string) bool {
	if s == "" || len(s) > 253 || strings.HasPrefix(s, ".") || strings.HasSuffix(s, ".") {
		return false
	}
	for _, r := range s {
		ok := r == '-' || r == '.' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')
		if !ok {
			return false
		}
	}
	return true
}
