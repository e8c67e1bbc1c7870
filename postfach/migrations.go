package postfach

import (
	"embed"

	"mvnk/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Migrations is the schema of the postfach component.
var Migrations = store.Migrations{Component: "postfach", FS: migrationFS, Dir: "migrations"}
