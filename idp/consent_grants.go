package idp

import (
	"context"
	"fmt"
	"strconv"

	"mvnk/audit"
	"mvnk/store"
)

// Consents lists the services an account has let in, for the console's
// "Verbundene Dienste", with each client's name.
func (p *Provider) Consents(ctx context.Context, accountID string) ([]Consent, error) {
	list, err := p.consents().List(ctx, accountID)
	if err != nil {
		return nil, err
	}
	for i := range list {
		list[i].ClientName = list[i].ClientID
		if c, err := p.store.clients.GetClient(ctx, list[i].ClientID); err == nil {
			list[i].ClientName = c.Name
		}
	}
	return list, nil
}

// RevokeConsent takes back the account's consent for a client and revokes
// every token the client holds for the account, so the next request asks
// again and nothing issued before still works.
func (p *Provider) RevokeConsent(ctx context.Context, accountID, clientID string) error {
	if err := p.consents().Revoke(ctx, accountID, clientID); err != nil {
		return err
	}
	p.recordFor(ctx, nil, audit.ConsentRevoked, accountID, clientID, nil)
	return p.revokeTokens(ctx, accountID, clientID)
}

// ForgetAccount revokes every token and every consent of an account (the
// account is being deleted).
func (p *Provider) ForgetAccount(ctx context.Context, accountID string) error {
	if err := p.consents().RevokeAll(ctx, accountID); err != nil {
		return err
	}
	return p.revokeTokens(ctx, accountID, "")
}

// revokeTokens deletes the account's token rows, of one client or (for
// "") of all, and drops them from this node's introspection cache; other
// nodes find the rows gone on their next check (introspectFast).
func (p *Provider) revokeTokens(ctx context.Context, accountID, clientID string) error {
	query, args := `DELETE FROM idp_tokens WHERE subject = $1`, []any{accountID}
	if clientID != "" {
		query, args = query+` AND client_id = $2`, append(args, clientID)
	}
	ids, err := p.tokenRows(ctx, query, args)
	if err != nil {
		return fmt.Errorf("revoke tokens of %s: %w", accountID, err)
	}
	p.store.introspected.dropRows(ids)
	if len(ids) > 0 {
		p.recordFor(ctx, nil, audit.TokenRevoked, accountID, clientID,
			map[string]string{"tokens": strconv.Itoa(len(ids)), "reason": "consent revoked or account deleted"})
	}
	return nil
}

// tokenRows runs the DELETE and returns the ids of the rows it removed.
func (p *Provider) tokenRows(ctx context.Context, query string, args []any) (map[string]bool, error) {
	rows, err := p.store.db.QueryContext(ctx, query+` RETURNING id`, args...)
	if err != nil {
		return nil, store.Classify(err)
	}
	defer rows.Close()
	ids := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids[id] = true
	}
	return ids, rows.Err()
}

// dropRows forgets the cached tokens whose rows are gone.
func (c *introspectionCache) dropRows(ids map[string]bool) {
	if len(ids) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.entries {
		if ids[e.rowID] {
			delete(c.entries, k)
		}
	}
}
