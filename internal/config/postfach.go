package config

// Postfach holds the settings of the citizen mailbox.
type Postfach struct {
	// AttachmentsDir keeps attachment contents as files under this
	// directory instead of in the database ("" = in the database). Either
	// way they are encrypted with the mailbox's key.
	AttachmentsDir string
	// WebhookPrivate lets senders' webhook endpoints be on private networks
	// (RFC 1918, RFC 4193), where Fachverfahren of an administration
	// network live. This host's own addresses are allowed only with --dev.
	WebhookPrivate bool
	// APIRate is how many requests one client may make to the Postfach
	// API per minute (0: no limit); RepliesPerHour how many replies one
	// citizen may send.
	APIRate        int
	RepliesPerHour int
}

var postfachSettings = []setting{
	{key: "postfach_attachments_dir", def: "", usage: "directory for the Postfach's encrypted attachment files (default: in the database)",
		set: str(func(c *Config) *string { return &c.Postfach.AttachmentsDir })},
	{key: "postfach_webhook_private", def: "false", usage: "allow senders' webhook endpoints on private network addresses (this host's own only with --dev)",
		set: boolean(func(c *Config) *bool { return &c.Postfach.WebhookPrivate })},
	{key: "postfach_api_rate", def: "6000", usage: "requests per minute one client may make to the Postfach API (0: no limit)",
		set: integer(func(c *Config) *int { return &c.Postfach.APIRate }, 0, 1_000_000)},
	{key: "postfach_replies_per_hour", def: "30", usage: "replies one citizen may send from the Postfach per hour (0: no limit)",
		set: integer(func(c *Config) *int { return &c.Postfach.RepliesPerHour }, 0, 10_000)},
}
