package tr03130

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
)

// errTooLarge: the eID-Server answered more than MaxResponseBytes.
var errTooLarge = fmt.Errorf("%w: response exceeds the size limit", ErrServer)

// call posts one SOAP 1.1 request and decodes the answer. raw is the
// response body as received, kept for the audit trail.
func (b *Bridge) call(ctx context.Context, body bodyOut) (*envelopeIn, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, b.cfg.Timeout)
	defer cancel()
	req, err := b.newRequest(ctx, body)
	if err != nil {
		return nil, nil, err
	}
	resp, err := b.client.Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: unreachable: %w", ErrServer, err)
	}
	defer resp.Body.Close()
	raw, err := b.readLimited(resp.Body)
	if err != nil {
		return nil, nil, err
	}
	// SOAP 1.1 §6.2: a fault comes with status 500; anything else is no answer.
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusInternalServerError {
		return nil, raw, fmt.Errorf("%w: HTTP %d", ErrServer, resp.StatusCode)
	}
	env, err := decodeEnvelope(raw)
	return env, raw, err
}

func (b *Bridge) newRequest(ctx context.Context, body bodyOut) (*http.Request, error) {
	env := envelopeOut{Soap: nsSOAP, EID: nsEID, Body: body}
	payload, err := xml.Marshal(env)
	if err != nil {
		return nil, fmt.Errorf("tr03130: encode request: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.cfg.ServerURL,
		bytes.NewReader(append([]byte(xml.Header), payload...)))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", `""`)
	return req, nil
}

// readLimited reads at most MaxResponseBytes; more is refused, not cut.
func (b *Bridge) readLimited(r io.Reader) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(r, b.cfg.MaxResponseBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: read response: %w", ErrServer, err)
	}
	if int64(len(raw)) > b.cfg.MaxResponseBytes {
		return nil, errTooLarge
	}
	return raw, nil
}

// decodeEnvelope parses the answer with encoding/xml, which resolves no
// external entities and no DTDs.
func decodeEnvelope(raw []byte) (*envelopeIn, error) {
	var env envelopeIn
	if err := xml.Unmarshal(raw, &env); err != nil {
		return nil, fmt.Errorf("%w: malformed SOAP response: %w", ErrServer, err)
	}
	if f := env.Body.Fault; f != nil {
		return nil, fmt.Errorf("%w: SOAP fault %s: %s", ErrServer, f.Code, f.String)
	}
	return &env, nil
}
