package mail

import (
	"embed"

	"mvnk/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Migrations creates the outbox and the dev mailbox tables. It needs the
// jobs table (jobs.Migrations) in the same database.
var Migrations = store.Migrations{Component: "mail", FS: migrationFS, Dir: "migrations"}
