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
}

var postfachSettings = []setting{
	{key: "postfach_attachments_dir", def: "", usage: "directory for the Postfach's encrypted attachment files (default: in the database)",
		set: str(func(c *Config) *string { return &c.Postfach.AttachmentsDir })},
	{key: "postfach_webhook_private", def: "false", usage: "allow senders' webhook endpoints on private network addresses (this host's own only with --dev)",
		set: boolean(func(c *Config) *bool { return &c.Postfach.WebhookPrivate })},
}
