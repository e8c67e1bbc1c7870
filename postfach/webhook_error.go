package postfach

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/url"
	"strconv"
	"syscall"
)

// webhookErrorClass is what the delivery log a client reads says about a
// failed attempt: a short class, never the error text, which could show
// the addresses a name resolved to inside our network. The detail goes to
// the server log only (recordWebhookAttempt).
func webhookErrorClass(code int, err error) string {
	var netErr net.Error
	switch {
	case errors.Is(err, ErrWebhookAddress):
		return "address_not_allowed"
	case code != 0:
		return "http_" + strconv.Itoa(code)
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "timeout"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection_refused"
	case isTLSError(err):
		return "tls"
	}
	return "other"
}

func isTLSError(err error) bool {
	var verify *tls.CertificateVerificationError
	var header tls.RecordHeaderError
	var alert tls.AlertError
	var unknownCA x509.UnknownAuthorityError
	var host x509.HostnameError
	var invalid x509.CertificateInvalidError
	return errors.As(err, &verify) || errors.As(err, &header) || errors.As(err, &alert) ||
		errors.As(err, &unknownCA) || errors.As(err, &host) || errors.As(err, &invalid)
}

// withoutQuery removes the query string (and user info) from the URL in
// an http.Client error, so a token a sender put into its URL does not
// reach the server log.
func withoutQuery(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = redactURL(ue.URL)
	}
	return err
}

// redactURL is raw without user info, query and fragment.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User, u.RawQuery, u.ForceQuery, u.Fragment, u.RawFragment = nil, "", false, "", ""
	return u.String()
}
