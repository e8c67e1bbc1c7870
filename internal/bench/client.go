package bench

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// maxBody bounds what is read of one answer.
const maxBody = 1 << 20

var (
	formType = []string{"application/x-www-form-urlencoded"}
	jsonType = []string{"application/json"}
)

// newTransport is the one transport all workers share, tuned for load:
// one kept-alive connection per simulated client, no compression (it would
// cost the load generator CPU the server needs on the same machine) and
// HTTP/1.1, so that 64 clients are 64 connections as they would be.
func newTransport(concurrency int) *http.Transport {
	return &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        concurrency,
		MaxIdleConnsPerHost: concurrency,
		IdleConnTimeout:     90 * time.Second,
		TLSHandshakeTimeout: 5 * time.Second,
		DisableCompression:  true,
	}
}

// basicAuth is client_secret_basic: id and secret are form-encoded before
// they are joined and base64-encoded (RFC 6749 §2.3.1).
func basicAuth(id, secret string) string {
	pair := url.QueryEscape(id) + ":" + url.QueryEscape(secret)
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(pair))
}

// post sends form to endpoint with client authentication and reads the
// answer into buf. An answer other than 200 is an error naming the OAuth
// error code (RFC 6749 §5.2).
func (b *bench) post(ctx context.Context, endpoint, form string, buf *bytes.Buffer) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form))
	if err != nil {
		return err
	}
	req.Header = http.Header{"Content-Type": formType, "Accept": jsonType, "Authorization": b.auth}
	resp, err := b.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	buf.Reset()
	if _, err := buf.ReadFrom(io.LimitReader(resp.Body, maxBody)); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return statusError(resp.StatusCode, buf.Bytes())
	}
	return nil
}

func statusError(code int, body []byte) error {
	var e struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	if json.Unmarshal(body, &e) != nil || e.Error == "" {
		return fmt.Errorf("HTTP %d: %.80s", code, body)
	}
	return fmt.Errorf("HTTP %d %s: %.100s", code, e.Error, e.Description)
}

// tokenResponse is the part of a token answer (RFC 6749 §5.1) the bench uses.
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
}

func parseToken(body []byte) (tokenResponse, error) {
	var tr tokenResponse
	if err := json.Unmarshal(body, &tr); err != nil {
		return tr, fmt.Errorf("token response: %w", err)
	}
	if tr.AccessToken == "" {
		return tr, fmt.Errorf("token response without access_token")
	}
	return tr, nil
}
