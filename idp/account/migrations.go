package account

import (
	"embed"

	"mvnk/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Migrations is the schema of the account component.
var Migrations = store.Migrations{Component: "account", FS: migrationFS, Dir: "migrations"}
