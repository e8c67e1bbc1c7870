package portal

import "net/http"

// Mount registers the portal's pages on the page mux. The whole surface is
// listed here; each handler lives in a file of its own.
func (p *Portal) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", p.showHome)
	mux.HandleFunc("GET /impressum", p.showImpressum)
	mux.HandleFunc("GET /datenschutz", p.showDatenschutz)
	mux.HandleFunc("GET /barrierefreiheit", p.showBarrierefreiheit)
	mux.HandleFunc("POST /barrierefreiheit", p.submitFeedback)
	mux.HandleFunc("GET /leichte-sprache", p.showLeichteSprache)
	mux.HandleFunc("GET /sprache", p.showSprache)
	mux.HandleFunc("POST /sprache", p.switchLanguage)
	mux.HandleFunc("GET /assets/{version}/{file...}", p.serveAsset)
	mux.HandleFunc("/", p.NotFound)
}
