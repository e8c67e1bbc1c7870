package config

// Postfach holds the settings of the citizen mailbox.
type Postfach struct {
	// AttachmentsDir keeps attachment contents as files under this
	// directory instead of in the database ("" = in the database). Either
	// way they are encrypted with the mailbox's key.
	AttachmentsDir string
}

var postfachSettings = []setting{
	{key: "postfach_attachments_dir", def: "", usage: "directory for the Postfach's encrypted attachment files (default: in the database)",
		set: str(func(c *Config) *string { return &c.Postfach.AttachmentsDir })},
}
