package login

import (
	"embed"

	"mvnk/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

//go:embed templates/*.html
var templateFS embed.FS

// Migrations is the schema of the login component. It refers to accounts,
// so it comes after account.Migrations.
var Migrations = store.Migrations{Component: "login", FS: migrationFS, Dir: "migrations"}
