package app

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"strings"

	"mvnk/audit"
)

// subcommand is `mvnk <noun> <verb> [<id>] [flags]` split up.
type subcommand struct {
	verb, id string
	rest     []string // the flags
}

// verbs lists a command's verbs and those of them that take an argument
// (what that argument is, for the error message: "client id").
type verbs struct {
	all, withID []string
	idName      string
}

// splitVerb checks the verb and takes the argument the verb needs. usage
// is the one-line help shown on a mistake.
func splitVerb(noun, usage string, args []string, v verbs) (subcommand, error) {
	if len(args) == 0 || !slices.Contains(v.all, args[0]) {
		return subcommand{}, &StartError{Setting: noun, Err: fmt.Errorf("%s", usage)}
	}
	sc := subcommand{verb: args[0], rest: args[1:]}
	if !slices.Contains(v.withID, sc.verb) {
		return sc, nil
	}
	if len(sc.rest) == 0 || strings.HasPrefix(sc.rest[0], "-") {
		return sc, &StartError{Setting: noun, Err: fmt.Errorf("`%s %s` needs the %s: %s", noun, sc.verb, v.idName, usage)}
	}
	sc.id, sc.rest = sc.rest[0], sc.rest[1:]
	return sc, nil
}

// openAdmin is how an admin command starts: the same configuration as
// serve (plus the command's own flags), then the database, migrated, and
// the keys. The caller closes the Main.
func openAdmin(ctx context.Context, env Env, name string, args []string, extra func(*flag.FlagSet)) (*Main, error) {
	cfg, logger, err := setup(name, env, args, extra)
	if err != nil {
		return nil, err
	}
	return Open(ctx, cfg, logger, true)
}

// recordOperator writes an operator's change, made through the command
// named by via, to the audit log. The operator is whoever runs the
// command on this machine ($USER); the change itself is done, so a
// failure to record says so rather than hiding the change.
func recordOperator(ctx context.Context, env Env, log *audit.Log, kind, subject, via string) error {
	user := env.Getenv("USER")
	if user == "" {
		user = "unknown"
	}
	err := log.Record(ctx, audit.Event{Type: kind, Actor: user, ActorKind: audit.ActorOperator, Subject: subject,
		Details: map[string]string{"via": via}})
	if err != nil {
		return fmt.Errorf("%s done, but the audit log could not be written: %w", via, err)
	}
	return nil
}
