package tr03130

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
)

func TestTCTokenFormat(t *testing.T) {
	b, _ := newTestBridge(t)
	start, err := b.Begin(context.Background(), testRequest(trust.Hoch))
	require.NoError(t, err)

	rec := httptest.NewRecorder()
	b.TCTokenHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, TCTokenPath+"?vorgang="+start.Handle, nil))
	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, "text/xml", rec.Header().Get("Content-Type"))
	require.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	body, _ := io.ReadAll(rec.Body)
	back := "https://idp.example/anmelden/eid/fertig?vorgang=" + start.Handle + "&amp;weiter=abc"
	require.Equal(t, `<TCTokenType>`+
		`<ServerAddress>https://eid.example/paos</ServerAddress>`+
		`<SessionIdentifier>psk-id-4711</SessionIdentifier>`+
		`<RefreshAddress>`+back+`</RefreshAddress>`+
		`<CommunicationErrorAddress>https://idp.example/anmelden/eid/fertig?fehler=kommunikation&amp;vorgang=`+start.Handle+`&amp;weiter=abc</CommunicationErrorAddress>`+
		`<Binding>urn:liberty:paos:2006-08</Binding>`+
		`<PathSecurity-Protocol>urn:ietf:rfc:4279</PathSecurity-Protocol>`+
		`<PathSecurity-Parameters><PSK>00112233445566778899aabbccddeeff</PSK></PathSecurity-Parameters>`+
		`</TCTokenType>`, string(body))
}

func TestTCTokenUnknownHandle(t *testing.T) {
	b, _ := newTestBridge(t)
	rec := httptest.NewRecorder()
	b.TCTokenHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, TCTokenPath+"?vorgang=nope", nil))
	require.Equal(t, http.StatusNotFound, rec.Code)
	require.NotContains(t, rec.Body.String(), "PSK")
}
