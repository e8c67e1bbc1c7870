package idp

import (
	"embed"

	"mvnk/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Migrations is the schema of the idp component: clients (001) and the
// OAuth/OIDC state of the fosite core (002 and later).
var Migrations = store.Migrations{Component: "idp", FS: migrationFS, Dir: "migrations"}
