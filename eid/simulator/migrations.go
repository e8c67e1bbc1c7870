package simulator

import (
	"embed"

	"mvnk/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

//go:embed templates/*.html
var templateFS embed.FS

// Migrations is the schema of the eID simulator.
var Migrations = store.Migrations{Component: "eid_simulator", FS: migrationFS, Dir: "migrations"}
