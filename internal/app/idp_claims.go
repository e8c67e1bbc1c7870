package app

import (
	"context"

	"mvnk/idp"
	"mvnk/idp/account"
)

// accountClaims gives the provider an account's data for its claims
// (idp.ClaimSource), so idp never reads account tables itself. An unknown
// account is account.ErrNoAccount (store.ErrNotFound).
type accountClaims struct{ store *account.Store }

var _ idp.ClaimSource = accountClaims{}

// ClaimData reads the account and its attributes fresh from the store.
func (c accountClaims) ClaimData(ctx context.Context, accountID string) (*idp.ClaimData, error) {
	acct, err := c.store.GetByID(ctx, accountID)
	if err != nil {
		return nil, err
	}
	attrs, err := c.store.Attributes(ctx, accountID)
	if err != nil {
		return nil, err
	}
	d := &idp.ClaimData{Username: acct.Username, Email: acct.Email, EmailVerified: acct.EmailVerified,
		PostfachHandle: acct.PostfachHandle, Attributes: make(map[string]idp.ClaimAttribute, len(attrs))}
	for _, at := range attrs {
		d.Attributes[at.Name] = idp.ClaimAttribute{Value: at.Value, Source: at.Source, Level: at.Level,
			VerifiedAt: at.UpdatedAt}
	}
	return d, nil
}
