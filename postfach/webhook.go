package postfach

import (
	"embed"
	"log/slog"
	"net/http"
	"time"

	"mvnk/keys"
	"mvnk/store"
)

//go:embed webhookmigrations/*.sql
var webhookMigrationFS embed.FS

// WebhookMigrations creates the webhook endpoints, the event outbox and
// the delivery log. It needs the jobs table (jobs.Migrations).
var WebhookMigrations = store.Migrations{Component: "postfach_webhooks", FS: webhookMigrationFS, Dir: "webhookmigrations"}

// Job kinds of the webhooks; the runner needs a handler for each.
const (
	JobWebhookDeliver = "postfach.webhook.deliver" // payload: event id; handler: (*Webhooks).Deliver
	JobWebhookPurge   = "postfach.webhook.purge"   // periodic (daily); handler: (*Webhooks).Purge
)

// Event types a sender can subscribe to (issue 6, egov-standards §4.6).
const (
	WebhookMessageRetrieved      = "message.retrieved"
	WebhookMessageBekanntgegeben = "message.bekanntgegeben"
	WebhookMessageNotRetrieved   = "message.not_retrieved"
	WebhookReplyCreated          = "reply.created"
)

// WebhookEventTypes lists every event type, in a stable order.
var WebhookEventTypes = []string{WebhookMessageRetrieved, WebhookMessageBekanntgegeben, WebhookMessageNotRetrieved, WebhookReplyCreated}

// WebhookOptions tune the delivery; zero values pick the defaults.
type WebhookOptions struct {
	Timeout  time.Duration    // per request; default 10 s
	Attempts int              // per event; default 24 (about a day with the runner's back-off)
	Keep     time.Duration    // how long the delivery log is kept; default 30 days
	Now      func() time.Time // nil: time.Now
	// AllowPrivate lets endpoints be on private networks (RFC 1918, RFC
	// 4193), where Fachverfahren of an administration network live.
	AllowPrivate bool
	// AllowLoopback lets endpoints be on this host, over plain http too:
	// development and tests only.
	AllowLoopback bool
}

// Webhooks registers sender endpoints and delivers signed callbacks.
type Webhooks struct {
	db     *store.DB
	sealer *keys.Sealer
	log    *slog.Logger
	opts   WebhookOptions
	policy addressPolicy
	client *http.Client
}

// NewWebhooks returns the webhook service; register Deliver and Purge with
// the job runner under JobWebhookDeliver and JobWebhookPurge.
func NewWebhooks(db *store.DB, sealer *keys.Sealer, logger *slog.Logger, opts WebhookOptions) *Webhooks {
	if opts.Timeout == 0 {
		opts.Timeout = 10 * time.Second
	}
	if opts.Attempts == 0 {
		opts.Attempts = 24
	}
	if opts.Keep == 0 {
		opts.Keep = 30 * 24 * time.Hour
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	policy := addressPolicy{private: opts.AllowPrivate, loopback: opts.AllowLoopback}
	return &Webhooks{db: db, sealer: sealer, log: logger, opts: opts, policy: policy,
		client: webhookClient(opts.Timeout, policy)}
}
