package login

import (
	"embed"
	"io/fs"

	"mvnk/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

//go:embed templates/*.html
var templateFS embed.FS

// Migrations is the schema of the login component. It refers to accounts,
// so it comes after account.Migrations.
var Migrations = store.Migrations{Component: "login", FS: mustSub(migrationFS, "migrations")}

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // the embedded directory is fixed at build time
	}
	return sub
}
