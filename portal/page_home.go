package portal

import "net/http"

// homePage is the start page: what the portal offers, and the pages about
// the portal itself.
type homePage struct {
	Page
	Services []NavItem // every navigation entry but the start page
}

func (p *Portal) showHome(w http.ResponseWriter, r *http.Request) {
	var services []NavItem
	_, loggedIn := p.sessionEnd(r)
	for _, item := range visibleNav(p.navItems(), loggedIn) {
		if item.Href != "/" {
			services = append(services, item)
		}
	}
	p.Render(w, r, http.StatusOK, "home", &homePage{Services: services})
}
