package app

import (
	"context"
	"net/http"
	"time"

	"mvnk/idp"
	"mvnk/idp/account"
	"mvnk/keys"
	"mvnk/postfach"
)

// buildPostfach mounts the Postfach's API for Fachverfahren on root (a
// protocol surface: bearer tokens of this IdP, no CSRF) and registers the
// delivery of its webhooks with the job runner.
func (m *Main) buildPostfach(root *http.ServeMux) error {
	sealer, err := keys.NewSealer(m.master)
	if err != nil {
		return err
	}
	st := postfach.NewStore(m.DB, sealer, nil, m.Audit)
	api := postfach.NewAPI(st, postfachTokens{m.IdP}, clientSenders{idp.NewClientStore(m.DB)},
		postfachRecipients{account.NewStore(m.DB)}, m.Logger)
	api.Mount(root)
	hooks := postfach.NewWebhooks(m.DB, sealer, m.Logger, postfach.WebhookOptions{})
	m.Jobs.Handle(postfach.JobWebhookDeliver, hooks.Deliver)
	m.Jobs.Every(postfach.JobWebhookPurge, 24*time.Hour, hooks.Purge)
	return nil
}

// postfachTokens hands the API the provider's own introspection.
type postfachTokens struct{ p *idp.Provider }

func (t postfachTokens) Introspect(ctx context.Context, token string) (postfach.TokenInfo, error) {
	info, err := t.p.Introspect(ctx, token)
	return postfach.TokenInfo{Active: info.Active, ClientID: info.ClientID, Scopes: info.Scopes, Subject: info.Subject}, err
}

// clientSenders: a client sends as the Behörde its registration names
// (the client's owner).
type clientSenders struct{ clients idp.ClientStore }

func (s clientSenders) AllowedSenders(ctx context.Context, clientID string) ([]string, error) {
	c, err := s.clients.GetClient(ctx, clientID)
	if err != nil || c.Owner == "" {
		return nil, err
	}
	return []string{c.Owner}, nil
}

// postfachRecipients finds the account of a Postfach handle.
type postfachRecipients struct{ accounts *account.Store }

func (r postfachRecipients) MailboxByHandle(ctx context.Context, handle string) (string, error) {
	a, err := r.accounts.GetByPostfachHandle(ctx, handle)
	if err != nil {
		return "", err
	}
	return a.ID, nil
}
