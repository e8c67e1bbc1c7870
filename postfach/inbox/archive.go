package inbox

import "net/http"

// archive moves a message into the archive (to true) or back into the
// inbox. It changes where the message is listed, not what it says, so it
// needs no more than the login: a message above the session's level may
// be filed away unread.
func (ib *Inbox) archive(to bool) readerHandler {
	done := "zurueckgelegt"
	if to {
		done = "archiviert"
	}
	return func(w http.ResponseWriter, r *http.Request, rd Reader) {
		id := r.PathValue("id")
		if err := ib.Store.Archive(r.Context(), rd.AccountID, id, to); err != nil {
			ib.fail(w, r, err)
			return
		}
		http.Redirect(w, r, messagePath(id)+"?erfolg="+done, http.StatusSeeOther)
	}
}
