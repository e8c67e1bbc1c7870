package tr03130

import (
	"encoding/xml"
	"errors"
	"log/slog"
	"net/http"
	"net/url"

	"mvnk/store"
)

// handleParam names the handle in the TC Token URL and in the callback
// (RefreshAddress); commParam marks the CommunicationErrorAddress.
const (
	handleParam = "vorgang"
	commParam   = "fehler"
)

// tcToken is the TC Token of TR-03124-1 §2.4 (egov-standards §7.2), in
// exactly this element order and without namespace.
type tcToken struct {
	XMLName                   xml.Name `xml:"TCTokenType"`
	ServerAddress             string   `xml:"ServerAddress"`
	SessionIdentifier         string   `xml:"SessionIdentifier"`
	RefreshAddress            string   `xml:"RefreshAddress"`
	CommunicationErrorAddress string   `xml:"CommunicationErrorAddress"`
	Binding                   string   `xml:"Binding"`
	PathSecurityProtocol      string   `xml:"PathSecurity-Protocol"`
	PSK                       string   `xml:"PathSecurity-Parameters>PSK"`
}

// TCTokenHandler serves the TC Token the eID-Client fetches (GET
// TCTokenPath?vorgang=…). It is a protocol endpoint: the random handle
// is its only credential, so no CSRF wrapper and no cookie.
func (b *Bridge) TCTokenHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok, err := b.tcToken(r)
		if errors.Is(err, store.ErrNotFound) {
			http.Error(w, "unknown or expired identification", http.StatusNotFound)
			return
		}
		if err != nil {
			slog.ErrorContext(r.Context(), "eid tr03130: tc token", "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/xml")  // TR-03124-1 §2.4: no charset, no declaration
		w.Header().Set("Cache-Control", "no-store") // it carries the PSK
		_, _ = w.Write(tok)
	})
}

func (b *Bridge) tcToken(r *http.Request) ([]byte, error) {
	handle := r.URL.Query().Get(handleParam)
	s, err := b.sessions.get(r.Context(), handle, b.now())
	if err != nil {
		return nil, err
	}
	psk, err := b.sealer.Open(s.PSKSealed, pskAD(handle))
	if err != nil {
		return nil, err
	}
	return xml.Marshal(tcToken{
		ServerAddress: s.ServerAddress, SessionIdentifier: s.PSKID,
		RefreshAddress:            withParams(s.ReturnURL, handleParam, handle),
		CommunicationErrorAddress: withParams(s.ReturnURL, handleParam, handle, commParam, "kommunikation"),
		Binding:                   "urn:liberty:paos:2006-08",
		PathSecurityProtocol:      "urn:ietf:rfc:4279",
		PSK:                       string(psk),
	})
}

// withParams adds query parameters (name, value pairs) to raw.
func withParams(raw string, kv ...string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	u.RawQuery = q.Encode()
	return u.String()
}
