package idp

import (
	_ "embed"
	"net/http"
)

// openAPIAdmin describes the admin API (OpenAPI 3.1). It is public: it
// names endpoints and fields, nothing secret.
//
//go:embed openapi_admin.json
var openAPIAdmin []byte

func serveOpenAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(openAPIAdmin)
}
