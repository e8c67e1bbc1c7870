package postfach

import "net/http"

// getMessage answers the delivery facts of one of the client's messages;
// another client's message is 404, as if it did not exist.
func (a *API) getMessage(w http.ResponseWriter, r *http.Request) {
	m, err := a.Store.GetForSender(r.Context(), apiClient(r.Context()), r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeAPIJSON(w, http.StatusOK, viewMessage(m))
}

// listMessages answers the client's messages of one Vorgang, oldest first.
func (a *API) listMessages(w http.ResponseWriter, r *http.Request) {
	app := r.URL.Query().Get("application_id")
	if app == "" {
		a.fail(w, r, &apiRequestError{probMalformed, "Der Parameter application_id fehlt."})
		return
	}
	list, err := a.Store.ListByApplication(r.Context(), apiClient(r.Context()), app)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := messageList{Messages: make([]messageView, 0, len(list))}
	for _, m := range list {
		out.Messages = append(out.Messages, viewMessage(m))
	}
	writeAPIJSON(w, http.StatusOK, out)
}
