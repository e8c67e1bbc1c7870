package idp

import (
	"embed"
	"io/fs"

	"mvnk/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Migrations is the schema of the idp component: clients (001) and the
// OAuth/OIDC state of the fosite core (002 and later).
var Migrations = store.Migrations{Component: "idp", FS: mustSub(migrationFS, "migrations")}

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // the embedded directory is fixed at build time
	}
	return sub
}
