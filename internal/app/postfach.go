package app

import (
	"context"
	"net/http"
	"time"

	"mvnk/eid/trust"
	"mvnk/idp"
	"mvnk/idp/account"
	"mvnk/idp/console"
	"mvnk/keys"
	"mvnk/postfach"
	"mvnk/postfach/inbox"
	"mvnk/store/ratelimit"
)

// buildPostfach wires the Postfach: its API for Fachverfahren on protocol
// (bearer tokens of this IdP, no CSRF), the citizen's pages inside "Mein
// Konto" on pages, and its jobs: webhooks, the e-mail notice of
// provision, the Bekanntgabe sweep and the sweep of orphaned blobs.
func (m *Main) buildPostfach(pages, protocol *http.ServeMux) error {
	st, err := m.postfachStore()
	if err != nil {
		return err
	}
	sealer, err := keys.NewSealer(m.master)
	if err != nil {
		return err
	}
	accounts := account.NewStore(m.DB)
	hooks := postfach.NewWebhooks(m.DB, sealer, m.Logger, postfach.WebhookOptions{
		AllowPrivate: m.Config.Postfach.WebhookPrivate, AllowLoopback: m.Config.Dev})
	st.Events, st.Notices = hooks, true
	m.Postfach, m.PostfachSweep = st, postfach.NewService(st)

	api := postfach.NewAPI(st, postfachTokens{m.IdP}, clientSenders{idp.NewClientStore(m.DB)},
		postfachRecipients{accounts}, m.Logger)
	api.Webhooks = hooks
	limits := ratelimit.New(m.DB)
	api.Limit = limits.Keyed("postfach-api:", ratelimit.Rule{Limit: m.Config.Postfach.APIRate, Window: time.Minute})
	api.Mount(protocol)

	ib, err := inbox.New(m.Portal, st, m.postfachGuard(accounts), m.Logger)
	if err != nil {
		return err
	}
	ib.Limit = limits.Keyed("postfach-reply:", ratelimit.Rule{Limit: m.Config.Postfach.RepliesPerHour, Window: time.Hour})
	ib.Mount(pages)
	m.Console.Unread = ib.UnreadCount
	forget := accountForgetter{tokens: m.IdP, postfach: st}
	m.Console.Tokens, m.forget = forget, forget

	notifier := &postfach.Notifier{Store: st, Addresses: noticeAddresses{accounts}, Mail: m.Mail,
		InboxURL: m.Config.Issuer() + console.PostfachPath, Log: m.Logger}
	m.Jobs.Handle(postfach.JobWebhookDeliver, hooks.Deliver)
	m.Jobs.Handle(postfach.JobNotify, notifier.Notify)
	m.Jobs.Every(postfach.JobWebhookPurge, 24*time.Hour, hooks.Purge)
	m.Jobs.Every(postfach.JobSweep, time.Hour, m.PostfachSweep.SweepJob)
	m.Jobs.Every(postfach.JobOrphanBlobs, time.Hour, st.SweepOrphanBlobs)
	m.Jobs.Every(ratelimit.JobPurge, 10*time.Minute, limits.Purge)
	return nil
}

// postfachStore opens the Postfach's store: attachments in the database,
// or as files under the configured directory.
func (m *Main) postfachStore() (*postfach.Store, error) {
	sealer, err := keys.NewSealer(m.master)
	if err != nil {
		return nil, err
	}
	blobs, err := m.postfachBlobs()
	if err != nil {
		return nil, err
	}
	return postfach.NewStore(m.DB, sealer, blobs, m.Audit), nil
}

// accountForgetter ends what the provider issued for a deleted account and
// erases its Postfach.
type accountForgetter struct {
	tokens interface {
		ForgetAccount(context.Context, string) error
	}
	postfach *postfach.Store
}

func (f accountForgetter) ForgetAccount(ctx context.Context, accountID string) error {
	if err := f.tokens.ForgetAccount(ctx, accountID); err != nil {
		return err
	}
	return f.postfach.EraseMailbox(ctx, accountID)
}

func (m *Main) postfachBlobs() (postfach.Blobs, error) {
	if dir := m.Config.Postfach.AttachmentsDir; dir != "" {
		b, err := postfach.NewFSBlobs(dir)
		if err != nil {
			return nil, &StartError{Setting: "MVNK_POSTFACH_ATTACHMENTS_DIR", Err: err}
		}
		return b, nil
	}
	return nil, nil // NewStore's default: the database
}

// postfachGuard gives the Postfach's pages the console's login session:
// the account, its Postfach handle and the session's trust level.
func (m *Main) postfachGuard(accounts *account.Store) inbox.Guard {
	return func(h func(w http.ResponseWriter, r *http.Request, rd inbox.Reader)) http.HandlerFunc {
		return m.Console.Protect(func(w http.ResponseWriter, r *http.Request, v *console.Viewer) {
			level, _, _ := trust.Parse(v.Session.ACR)
			h(w, r, inbox.Reader{AccountID: v.Account.ID, Handle: v.Account.PostfachHandle, Level: level})
		})
	}
}

// postfachTokens hands the API the provider's own introspection.
type postfachTokens struct{ p *idp.Provider }

func (t postfachTokens) Introspect(ctx context.Context, token string) (postfach.TokenInfo, error) {
	info, err := t.p.Introspect(ctx, token)
	return postfach.TokenInfo{Active: info.Active, ClientID: info.ClientID, Scopes: info.Scopes, Subject: info.Subject}, err
}

// clientSenders: the Behörden a client's registration lets it send as.
type clientSenders struct{ clients *idp.SQLClientStore }

func (s clientSenders) AllowedSenders(ctx context.Context, clientID string) ([]string, error) {
	return s.clients.PostfachSenders(ctx, clientID)
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

// noticeAddresses: the e-mail notice goes to the account's confirmed
// address only.
type noticeAddresses struct{ accounts *account.Store }

func (n noticeAddresses) NoticeAddress(ctx context.Context, accountID string) (string, error) {
	a, err := n.accounts.GetByID(ctx, accountID)
	if err != nil || !a.EmailVerified {
		return "", err
	}
	return a.Email, nil
}
