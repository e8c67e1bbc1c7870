package postfach

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"time"
)

// Errors of Register.
var (
	ErrWebhookURL       = errors.New("webhook: URL must be https")
	ErrWebhookEventType = errors.New("webhook: unknown event type")
)

// WebhookEndpoint is a sender client's registration. The secret is not
// part of it: it is shown once, when made, and then only kept sealed.
type WebhookEndpoint struct {
	ClientID  string
	URL       string
	Events    []string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// validateWebhookEndpoint: HTTPS only, as FIT-Connect demands of callback
// URLs (§5.7); plain HTTP only to this host where the policy allows
// loopback (development and tests); a literal address must be one the
// policy allows.
func validateWebhookEndpoint(rawURL string, events []string, p addressPolicy) error {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" || u.User != nil || u.Fragment != "" {
		return ErrWebhookURL
	}
	host := u.Hostname()
	switch {
	case !p.allowsHost(host):
		return fmt.Errorf("%w: %s", ErrWebhookAddress, host)
	case u.Scheme == "https":
	case u.Scheme == "http" && p.loopback && isLoopbackHost(host):
	default:
		return ErrWebhookURL
	}
	if len(events) == 0 {
		return fmt.Errorf("%w: none given", ErrWebhookEventType)
	}
	for _, e := range events {
		if !slices.Contains(WebhookEventTypes, e) {
			return fmt.Errorf("%w: %q", ErrWebhookEventType, e)
		}
	}
	return nil
}

func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// newWebhookSecret: 256 random bits as base64url text (43 characters); the
// HMAC key is the text's bytes, as a Fachverfahren will configure it.
func newWebhookSecret() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// webhookSecretAD binds a sealed secret to its client, so a ciphertext
// copied to another client's row does not open.
func webhookSecretAD(clientID string) string { return "postfach-webhook/" + clientID }
