package bundid

import (
	"strconv"

	"github.com/beevik/etree"

	"mvnk/eid"
	"mvnk/eid/trust"
)

// The akdb namespaces of the BundID request extension (egov-standards §1.3).
const (
	nsAKDB      = "https://www.akdb.de/request/2018/09"
	nsClassicUI = "https://www.akdb.de/request/2018/09/classic-ui/v1"
)

// extensions is <saml2p:Extensions> with the akdb:AuthenticationRequest
// Version 2, its children in the order BundID checks: AuthnMethods,
// RequestedAttributes, DisplayInformation.
func (b *Bridge) extensions(r eid.Request) *etree.Element {
	ext := etree.NewElement("saml2p:Extensions")
	ar := ext.CreateElement("akdb:AuthenticationRequest")
	ar.CreateAttr("xmlns:akdb", nsAKDB)
	ar.CreateAttr("Version", "2")
	ar.AddChild(authnMethods(r.MinLevel))
	ar.AddChild(b.requestedAttributes(r.Attributes))
	ar.AddChild(b.displayInformation())
	return ext
}

// authnMethods offers only the means that reach the level asked for, in
// the reference order (Benutzername, eID, eIDAS, Elster, FINK). BundID
// still enforces the RequestedAuthnContext; this spares the person a
// choice that would fail. eIDAS and FINK may reach any level, depending
// on the notified scheme or the home account.
func authnMethods(min trust.Level) *etree.Element {
	el := etree.NewElement("akdb:AuthnMethods")
	for _, m := range []struct {
		name    string
		enabled bool
	}{
		{"Benutzername", min <= trust.Basis},
		{"eID", true},
		{"eIDAS", true},
		{"Elster", min <= trust.Substanziell},
		{"FINK", true},
	} {
		el.CreateElement("akdb:" + m.name).CreateElement("akdb:Enabled").SetText(strconv.FormatBool(m.enabled))
	}
	return el
}

// requestedAttributes: the bPK2 always (required: it is the subject),
// then the configured and the requested attributes, required if either
// requires them. Attributes BundID has no name for are left out.
func (b *Bridge) requestedAttributes(asked map[eid.Attr]eid.Requirement) *etree.Element {
	el := etree.NewElement("akdb:RequestedAttributes")
	requested(el, oidBPK2, true)
	for _, a := range attrOIDs {
		need := max(b.cfg.Attributes[a.Attr], asked[a.Attr])
		if need != 0 {
			requested(el, a.OID, need == eid.Required)
		}
	}
	return el
}

func requested(parent *etree.Element, oid string, required bool) {
	ra := parent.CreateElement("akdb:RequestedAttribute")
	ra.CreateAttr("Name", oid)
	ra.CreateAttr("RequiredAttribute", strconv.FormatBool(required))
}

// displayInformation names who asks; BundID makes both fields mandatory.
func (b *Bridge) displayInformation() *etree.Element {
	el := etree.NewElement("akdb:DisplayInformation")
	v := el.CreateElement("classic-ui:Version")
	v.CreateAttr("xmlns:classic-ui", nsClassicUI)
	v.CreateElement("classic-ui:OrganizationDisplayName").SetText(b.cfg.OrganizationDisplayName)
	v.CreateElement("classic-ui:OnlineServiceId").SetText(b.cfg.OnlineServiceID)
	return el
}
