package portal

import "net/http"

// showImpressum shows the provider identification (§ 5 DDG, § 18 MStV).
func (p *Portal) showImpressum(w http.ResponseWriter, r *http.Request) {
	p.Render(w, r, http.StatusOK, "impressum", nil)
}
