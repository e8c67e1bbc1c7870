package portal

import (
	"embed"

	"mvnk/store"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations is the portal's schema: the accessibility feedback table.
var Migrations = store.Migrations{Component: "portal", FS: migrationFiles, Dir: "migrations"}
