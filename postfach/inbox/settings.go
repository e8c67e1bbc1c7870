package inbox

import (
	"net/http"

	"mvnk/postfach"
)

type settingsPage struct {
	basePage
	Settings postfach.Settings
	Saved    bool
}

func (ib *Inbox) showSettings(w http.ResponseWriter, r *http.Request, rd Reader) {
	st, err := ib.Store.Settings(r.Context(), rd.AccountID)
	if err != nil {
		ib.fail(w, r, err)
		return
	}
	page := &settingsPage{Settings: st, Saved: r.URL.Query().Get("gespeichert") == "1"}
	ib.Portal.Render(w, r, http.StatusOK, "postfach-einstellungen", page)
}

// saveSettings stores both choices; an unticked checkbox is not sent,
// which is "no". The opt-out applies to Bescheide provided later.
func (ib *Inbox) saveSettings(w http.ResponseWriter, r *http.Request, rd Reader) {
	st := postfach.Settings{
		NotifyEmail:      r.PostFormValue("benachrichtigung") == "ja",
		OptOutElectronic: r.PostFormValue("keine_elektronische_bekanntgabe") == "ja",
	}
	mb := postfach.Mailbox{Handle: rd.Handle, AccountID: rd.AccountID}
	if err := ib.Store.SaveSettings(r.Context(), mb, st); err != nil {
		ib.fail(w, r, err)
		return
	}
	http.Redirect(w, r, pathSettings+"?gespeichert=1", http.StatusSeeOther)
}
