package postfach

import "net/http"

// renewMessage makes one of the client's Bescheide known again (OZG § 9
// Abs. 1 S. 7) and answers its delivery facts.
func (a *API) renewMessage(w http.ResponseWriter, r *http.Request) {
	m, err := a.Store.Renew(r.Context(), apiClient(r.Context()), r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeAPIJSON(w, http.StatusOK, viewMessage(m))
}
