package postfach

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
)

// webhookMaxResponse caps how much of an answer is read: the status code
// is all that counts, and a receiver must not make us buffer megabytes.
const webhookMaxResponse = 64 << 10

// post sends one signed callback (egov-standards §5.7) and reports the
// status code; anything but 2xx is an error. A fresh timestamp is signed
// on every attempt, so a retry hours later still passes the receiver's
// five-minute window.
func (w *Webhooks) post(ctx context.Context, url string, secret, body []byte) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, withoutQuery(err)
	}
	ts := w.opts.Now().Unix()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "mvnk-postfach-webhook/1")
	req.Header.Set(HeaderCallbackTimestamp, strconv.FormatInt(ts, 10))
	req.Header.Set(HeaderCallbackAuthentication, Sign(secret, body, ts))
	resp, err := w.client.Do(req)
	if err != nil {
		return 0, withoutQuery(err) // logged; the query may hold a token
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, webhookMaxResponse))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("endpoint answered %d", resp.StatusCode)
	}
	return resp.StatusCode, nil
}
