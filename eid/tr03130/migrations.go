package tr03130

import (
	"embed"

	"mvnk/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Migrations creates the table of open eID-Server sessions.
var Migrations = store.Migrations{Component: "eid_tr03130", FS: migrationFS, Dir: "migrations"}
