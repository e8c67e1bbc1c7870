package postfach

import (
	"errors"
	"net/http"

	"mvnk/store"
)

// recipientView tells a sender, before it sends a Bescheid, whether the
// citizen accepts its electronic Bekanntgabe through the Postfach (OZG § 9
// S. 2: deemed given unless excluded); if not, the sender uses another
// channel.
type recipientView struct {
	Handle                string `json:"handle"`
	ElectronicBekanntgabe bool   `json:"electronic_bekanntgabe"`
}

// getRecipient answers the opt-out of one Postfach handle.
func (a *API) getRecipient(w http.ResponseWriter, r *http.Request) {
	handle := r.PathValue("handle")
	account, err := a.Recipients.MailboxByHandle(r.Context(), handle)
	if errors.Is(err, store.ErrNotFound) {
		err = &apiRequestError{probNoRecipient, "Zu diesem Postfach-Handle gibt es kein Postfach."}
	}
	var st Settings
	if err == nil {
		st, err = a.Store.Settings(r.Context(), account)
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeAPIJSON(w, http.StatusOK, recipientView{Handle: handle, ElectronicBekanntgabe: !st.OptOutElectronic})
}
