package portal

import (
	"embed"
	"io/fs"

	"mvnk/store"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations is the portal's schema: the accessibility feedback table.
var Migrations = store.Migrations{Component: "portal", FS: mustSub(migrationFiles, "migrations")}

func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // dir is a constant that go:embed has already checked
	}
	return sub
}
