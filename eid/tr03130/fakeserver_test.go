package tr03130

import (
	"crypto/tls"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// fakeServer is an eID-Server in the test: it speaks the envelopes of
// TR-03130 (egov-standards §7.2) over TLS that requires a client
// certificate of the test CA.
type fakeServer struct {
	URL string

	mu       sync.Mutex
	requests []string // request bodies, in order
	// results are the getResult answers in order (the last one repeats).
	results []string
	useID   string
}

func startFakeServer(t *testing.T, pki testPKI) *fakeServer {
	t.Helper()
	f := &fakeServer{useID: useIDOK}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(f.serve))
	srv.TLS = &tls.Config{
		Certificates: []tls.Certificate{pki.server},
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ClientCAs:    pki.pool,
	}
	// The refused handshake of the mutual-TLS test is expected; not logged.
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	f.URL = srv.URL + "/eID-Interface"
	return f
}

func (f *fakeServer) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, string(body))
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	switch {
	case strings.Contains(string(body), "useIDRequest"):
		_, _ = io.WriteString(w, envelope(f.useID))
	case strings.Contains(string(body), "getResultRequest") && len(f.results) > 0:
		answer := f.results[0]
		if len(f.results) > 1 {
			f.results = f.results[1:]
		}
		_, _ = io.WriteString(w, answer)
	default:
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = io.WriteString(w, envelope(`<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>unexpected</faultstring></soapenv:Fault>`))
	}
}

// answer sets the getResult answers, each a full envelope.
func (f *fakeServer) answer(envelopes ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.results = envelopes
}

func (f *fakeServer) bodies() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.requests...)
}

func envelope(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>` +
		`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ` +
		`xmlns:eid="http://bsi.bund.de/eID/" xmlns:dss="urn:oasis:names:tc:dss:1.0:core:schema">` +
		`<soapenv:Body>` + body + `</soapenv:Body></soapenv:Envelope>`
}

const resultOK = `<dss:Result><dss:ResultMajor>http://www.bsi.bund.de/ecard/api/1.1/resultmajor#ok</dss:ResultMajor></dss:Result>`

func resultError(minor string) string {
	return `<dss:Result><dss:ResultMajor>http://www.bsi.bund.de/ecard/api/1.1/resultmajor#error</dss:ResultMajor>` +
		`<dss:ResultMinor>http://www.bsi.bund.de/eid/server/2.0/resultminor/` + minor + `</dss:ResultMinor>` +
		`<dss:ResultMessage>test</dss:ResultMessage></dss:Result>`
}

const useIDOK = `<eid:useIDResponse><eid:Session><eid:ID>session-4711</eid:ID></eid:Session>` +
	`<eid:eCardServerAddress>https://eid.example/paos</eid:eCardServerAddress>` +
	`<eid:PSK><eid:ID>psk-id-4711</eid:ID><eid:Key>00112233445566778899aabbccddeeff</eid:Key></eid:PSK>` + resultOK +
	`</eid:useIDResponse>`

// getResultError is a getResult answer with an error minor.
func getResultError(minor string) string {
	return envelope(`<eid:getResultResponse>` + resultError(minor) + `</eid:getResultResponse>`)
}

// erika is the AusweisApp simulator card (egov-standards §7.3).
const erikaData = `<eid:PersonalData>
<eid:DocumentType>ID</eid:DocumentType><eid:IssuingState>D</eid:IssuingState>
<eid:DateOfExpiry>2029-10-31</eid:DateOfExpiry><eid:GivenNames>ERIKA</eid:GivenNames>
<eid:FamilyNames>MUSTERMANN</eid:FamilyNames>
<eid:DateOfBirth><eid:DateString>19640812</eid:DateString><eid:DateValue>1964-08-12</eid:DateValue></eid:DateOfBirth>
<eid:PlaceOfBirth><eid:FreetextPlace>BERLIN</eid:FreetextPlace></eid:PlaceOfBirth>
<eid:Nationality>D</eid:Nationality><eid:BirthName>GABLER</eid:BirthName>
<eid:PlaceOfResidence><eid:StructuredPlace><eid:Street>HEIDESTRASSE 17</eid:Street><eid:City>KÖLN</eid:City>
<eid:Country>D</eid:Country><eid:ZipCode>51147</eid:ZipCode></eid:StructuredPlace></eid:PlaceOfResidence>
<eid:RestrictedID><eid:ID>0A1B2C3D4E5F</eid:ID></eid:RestrictedID>
</eid:PersonalData>`

// allowed lists OperationsAllowedByUser; groups in override replace ALLOWED.
func allowed(override map[string]string) string {
	var b strings.Builder
	b.WriteString(`<eid:OperationsAllowedByUser>`)
	for _, g := range dataGroups {
		v := "ALLOWED"
		if o, ok := override[g.name]; ok {
			v = o
		}
		fmt.Fprintf(&b, `<eid:%s>%s</eid:%s>`, g.name, v, g.name)
	}
	b.WriteString(`</eid:OperationsAllowedByUser>`)
	return b.String()
}

// getResultOK is a successful answer with Erika's data at level loa.
func getResultOK(loa string, override map[string]string) string {
	level := ""
	if loa != "" {
		level = `<eid:LevelOfAssuranceResult>` + loa + `</eid:LevelOfAssuranceResult>`
	}
	return envelope(`<eid:getResultResponse>` + erikaData + allowed(override) + level + resultOK + `</eid:getResultResponse>`)
}
