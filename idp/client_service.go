package idp

import "context"

// RegisterClient creates a client from p and returns it with its plain
// secret (for secret auth methods; "" otherwise), to be shown once. PKCE
// is on unless p switches it off.
func RegisterClient(ctx context.Context, s ClientStore, p ClientPatch) (*Client, string, error) {
	c := &Client{RequirePKCE: true}
	p.Apply(c)
	c.ApplyDefaults()
	secret := c.syncSecret()
	if err := s.CreateClient(ctx, c); err != nil {
		return nil, "", err
	}
	return c, secret, nil
}

// ClientChange is one change to a registered client.
type ClientChange struct {
	Patch ClientPatch
	// Replace starts from an empty client (PUT): unset fields fall back to
	// their defaults. The id, the secret and the creation time stay.
	Replace bool
	// RotateSecret replaces the secret; the old one stops working at once.
	RotateSecret bool
}

// ChangeClient applies ch atomically. The plain secret is returned when
// one was made: on rotation, or when the client moved to a secret auth
// method.
func ChangeClient(ctx context.Context, s ClientStore, id string, ch ClientChange) (*Client, string, error) {
	var out *Client
	var secret string
	err := s.UpdateClient(ctx, id, func(c *Client) error {
		if ch.Replace {
			*c = Client{ID: c.ID, SecretHash: c.SecretHash, RequirePKCE: true, CreatedAt: c.CreatedAt}
		}
		ch.Patch.Apply(c)
		c.ApplyDefaults()
		if ch.RotateSecret {
			if !c.NeedsSecret() {
				v := &ValidationError{}
				v.add("client_secret", "%s nutzt kein Secret, es gibt nichts zu erneuern", c.AuthMethod)
				return v
			}
			c.SecretHash = ""
		}
		secret, out = c.syncSecret(), c
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return out, secret, nil
}
