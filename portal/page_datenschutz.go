package portal

import "net/http"

// showDatenschutz shows the privacy notice (Art. 13 DSGVO).
func (p *Portal) showDatenschutz(w http.ResponseWriter, r *http.Request) {
	p.Render(w, r, http.StatusOK, "datenschutz", nil)
}
