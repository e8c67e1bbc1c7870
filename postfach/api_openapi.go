package postfach

import (
	_ "embed"
	"net/http"
)

// apiDoc is the OpenAPI 3.1 document of the sender API.
//
//go:embed openapi.json
var apiDoc []byte

// APIDocument returns the OpenAPI document (for tests and tooling).
func APIDocument() []byte { return apiDoc }

func serveAPIDoc(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write(apiDoc)
}
