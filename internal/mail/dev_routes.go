package mail

import (
	"embed"
	"errors"
	"net/http"

	"mvnk/portal"
)

//go:embed templates/*.html
var templateFS embed.FS

// AddPages registers the dev mailbox pages with the portal shell, which
// then renders them. Call it before Mount.
func (d *DevMailbox) AddPages(p *portal.Portal) error {
	if p == nil {
		return errors.New("mail: dev mailbox needs the portal")
	}
	if err := p.AddPages(templateFS, "templates"); err != nil {
		return err
	}
	d.shell = p
	return nil
}

// Mount registers the dev mailbox pages on the portal's page mux. Mount
// them in dev mode only: they show every mail's body, one-time links
// included, to anyone who can reach the instance.
func (d *DevMailbox) Mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /dev/mail", d.showList)
	mux.HandleFunc("GET /dev/mail/{id}", d.showMail)
}
