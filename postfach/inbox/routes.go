package inbox

import "net/http"

// Paths of the pages below Path ({id} is a message, {att} an attachment).
const (
	pathSettings = Path + "/einstellungen"
	pathMessage  = Path + "/{id}"
)

// Mount registers the pages on the portal's (CSRF-protected) page mux.
// The literal "einstellungen" wins over {id} (net/http: the more specific
// pattern).
func (ib *Inbox) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET "+Path, ib.reader(ib.showList))
	mux.HandleFunc("GET "+pathSettings, ib.reader(ib.showSettings))
	mux.HandleFunc("POST "+pathSettings, ib.reader(ib.saveSettings))
	mux.HandleFunc("GET "+pathMessage, ib.reader(ib.showMessage))
	mux.HandleFunc("GET "+pathMessage+"/anhang/{att}", ib.reader(ib.download))
	mux.HandleFunc("GET "+pathMessage+"/antworten", ib.reader(ib.showReply))
	mux.HandleFunc("POST "+pathMessage+"/antworten", ib.reader(ib.sendReply))
	mux.HandleFunc("POST "+pathMessage+"/archivieren", ib.reader(ib.archive(true)))
	mux.HandleFunc("POST "+pathMessage+"/zuruecklegen", ib.reader(ib.archive(false)))
	mux.HandleFunc("GET "+pathMessage+"/loeschen", ib.reader(ib.showDelete))
	mux.HandleFunc("POST "+pathMessage+"/loeschen", ib.reader(ib.delete))
}

// messagePath is the page of message id.
func messagePath(id string) string { return Path + "/" + id }
