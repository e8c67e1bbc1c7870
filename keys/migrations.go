package keys

import (
	"embed"

	"mvnk/store"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations is the schema of the keys component.
var Migrations = store.Migrations{Component: "keys", FS: migrationFiles, Dir: "migrations"}
