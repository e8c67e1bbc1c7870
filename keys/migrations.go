package keys

import (
	"embed"
	"io/fs"

	"mvnk/store"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrations is the schema of the keys component.
var Migrations = store.Migrations{Component: "keys", FS: mustSub(migrationFiles, "migrations")}

// mustSub cannot fail for a directory named in a go:embed pattern.
func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return sub
}
