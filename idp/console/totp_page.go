package console

import (
	"html/template"
	"net/http"
	"strings"

	"mvnk/idp/login"
	"mvnk/portal"
)

// Message keys of the TOTP and recovery-code pages.
const (
	msgTOTPCodeMissing = "totp.code_missing"
	msgTOTPCodeWrong   = "totp.code_wrong"
	msgTOTPProof       = "totp.proof_missing"
	msgTOTPQRLabel     = "totp.qr_label"
)

var totpTexts = portal.Texts{
	msgTOTPCodeMissing: {"Bitte geben Sie den sechsstelligen Code aus Ihrer Authenticator-App ein.",
		"Please enter the six-digit code from your authenticator app."},
	msgTOTPCodeWrong: {"Der Code ist falsch oder wurde schon verwendet. Bitte geben Sie den aktuellen Code ein.",
		"The code is wrong or has already been used. Please enter the current code."},
	msgTOTPProof: {"Bitte geben Sie Ihr Passwort oder einen aktuellen Code aus der App ein.",
		"Please enter your password or a current code from the app."},
	msgTOTPQRLabel: {"QR-Code zum Einrichten der Authenticator-App. Den Schlüssel zum Abtippen finden Sie unter dem Bild.",
		"QR code to set up the authenticator app. The key to type in is shown below the image."},
}

// totpPage is every page of the TOTP and recovery-code section.
type totpPage struct {
	consolePage
	TOTP          bool     // a confirmed TOTP
	OTPURI        string   // an enrolment waiting for its first code
	Secret        string   // its secret, grouped for typing
	Codes         []string // new recovery codes, shown once
	RecoveryCodes int      // unused ones left
	AnyFactor     bool     // TOTP or passkeys: recovery codes make sense
	Notice        string   // "entfernt" after a removal
}

// Msg and Field look up the section's own messages first.
func (p *totpPage) Msg(e portal.FieldError) string {
	if _, ok := totpTexts[e.Key]; ok {
		return totpTexts.Text(e.Key, p.Lang, e.Args...)
	}
	return p.consolePage.Msg(e)
}

func (p *totpPage) Field(id string) portal.FieldState {
	for _, e := range p.Errors {
		if e.Field == id {
			return portal.FieldState{ID: id, Message: p.Msg(e)}
		}
	}
	return portal.FieldState{ID: id}
}

// QR is the enrolment's QR code as inline SVG, labelled in the page's
// language (no image element: the CSP allows none inline).
func (p *totpPage) QR() (template.HTML, error) {
	return login.QRCode(p.OTPURI, totpTexts.Text(msgTOTPQRLabel, p.Lang))
}

// render shows a page of the section; no-store, since it may carry a
// secret or recovery codes.
// The language switch returns to the section's GET page, never to the
// address of a form post.
func (c *Console) renderTOTP(w http.ResponseWriter, r *http.Request, status int, name string, data *totpPage) {
	w.Header().Set("Cache-Control", "no-store")
	data.ReturnTo = pathTOTP
	if strings.HasPrefix(name, "wiederherstellungscodes") {
		data.ReturnTo = pathRecovery
	}
	c.Portal.Render(w, r, status, name, data)
}
