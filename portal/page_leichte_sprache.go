package portal

import "net/http"

// showLeichteSprache explains the portal in Leichte Sprache (BITV 2.0 § 4).
func (p *Portal) showLeichteSprache(w http.ResponseWriter, r *http.Request) {
	p.Render(w, r, http.StatusOK, "leichte-sprache", nil)
}
