package idp

// The sector-specific identifiers (egov-standards §2.4): the eID's
// RestrictedID and BundID's bPK2, stored by the eID login as account
// attributes of these names. They identify the person within one sector,
// so they go only to clients registered to need them
// (Client.EIDIdentifiers), as plain claims, and never as sub (OIDC Core
// §8: sub stays the provider's own, pairwise, identifier).
const (
	claimRestrictedID = "restricted_id"
	claimBPK2         = "bpk2"
)

var sectorClaims = []string{claimRestrictedID, claimBPK2}

// withSector releases the sector identifiers to a client registered for
// them, in the ID token and at UserInfo.
func (g *claimGrant) withSector(c *Client) {
	if c.EIDIdentifiers {
		g.IDToken.Sector, g.Userinfo.Sector = true, true
	}
}

// addSector adds the identifiers d has to out.
func (d *ClaimData) addSector(out map[string]any) {
	for _, name := range sectorClaims {
		if a, ok := d.Attributes[name]; ok && a.Value != "" {
			out[name] = a.Value
		}
	}
}
