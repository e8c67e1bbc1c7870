package idp

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/url"
)

// subjectFor is the sub a client sees. Pairwise (OIDC Core §8.1): a hash
// of the sector identifier, the local account id and a secret salt, so two
// sectors cannot join their users. HMAC keyed with the salt is that hash,
// with the salt where it belongs. Public-subject clients see the account id.
func (p *Provider) subjectFor(c *Client, local string) string {
	if c.SubjectType == SubjectPublic {
		return local
	}
	mac := hmac.New(sha256.New, p.salt)
	mac.Write([]byte(sectorOf(c)))
	mac.Write([]byte{0})
	mac.Write([]byte(local))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// sectorOf is the registered sector identifier or, without one, the host
// of the redirect URIs (OIDC Core §8.1; the client store ensures they
// share one host when no sector is registered).
func sectorOf(c *Client) string {
	if c.SectorIdentifier != "" {
		return c.SectorIdentifier
	}
	for _, raw := range c.RedirectURIs {
		if u, err := url.Parse(raw); err == nil && u.Host != "" {
			return u.Hostname()
		}
	}
	return c.ID
}
