package app

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"mvnk/audit"
	"mvnk/keys"
	"mvnk/store"
)

func runMigrate(ctx context.Context, env Env, args []string) error {
	cfg, logger, err := setup("migrate", env, args, nil)
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, cfg.DatabaseURL, store.Options{})
	if err != nil {
		return &StartError{Setting: "MVNK_DATABASE_URL", Err: err}
	}
	defer db.Close()
	n, err := db.Migrate(ctx, Migrations()...)
	if err != nil {
		return err
	}
	logger.Debug("migrate done", "applied", n)
	fmt.Fprintf(env.Stdout, "%d migration(s) applied; %s database is up to date\n", n, db.Dialect)
	return nil
}

func runKeys(ctx context.Context, env Env, args []string) error {
	sc, err := splitVerb("keys", "want `keys list [--json]` or `keys rotate`", args, verbs{all: []string{"list", "rotate"}})
	if err != nil {
		return err
	}
	var asJSON bool
	m, err := openAdmin(ctx, env, "keys "+sc.verb, sc.rest, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "print JSON instead of a table")
	})
	if err != nil {
		return err
	}
	defer m.Close()
	list, err := m.Keys.List(ctx)
	if sc.verb == "rotate" {
		if _, err = m.Keys.Rotate(ctx); err == nil {
			err = recordOperator(ctx, env, m.Audit, audit.AdminKeysRotated, "signing-keys", "mvnk keys rotate")
		}
		if err == nil {
			list, err = m.Keys.List(ctx)
		}
	}
	if err != nil {
		return err
	}
	return printKeys(env, list, asJSON)
}

func printKeys(env Env, list []keys.KeyInfo, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KID\tALG\tSTATE\tCREATED\tSIGNS FROM\tPUBLISHED UNTIL")
	for _, k := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", k.KID, k.Alg, k.State,
			stamp(k.Created), stamp(k.SignsFrom), stamp(k.PublishedUntil))
	}
	return tw.Flush()
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format(time.RFC3339)
}
