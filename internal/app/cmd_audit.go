package app

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"mvnk/audit"
)

const auditUsage = "want `audit verify` or `audit list [--limit 50] [--before SEQ] [--json]`"

type auditListFlags struct {
	limit  int
	before int64
	asJSON bool
}

// runAudit checks the audit log's hash chain or prints its newest entries.
// verify exits 1 when the chain is broken, so a cron job or monitoring
// check can run it as it is.
func runAudit(ctx context.Context, env Env, args []string) error {
	sc, err := splitVerb("audit", auditUsage, args, verbs{all: []string{"verify", "list"}})
	if err != nil {
		return err
	}
	var lf auditListFlags
	m, err := openAdmin(ctx, env, "audit "+sc.verb, sc.rest, func(fs *flag.FlagSet) {
		if sc.verb == "list" {
			fs.IntVar(&lf.limit, "limit", 50, "how many entries to print, newest first")
			fs.Int64Var(&lf.before, "before", 0, "print only entries with a smaller seq (paging)")
			fs.BoolVar(&lf.asJSON, "json", false, "print JSON instead of a table")
		}
	})
	if err != nil {
		return err
	}
	defer m.Close()
	log := audit.New(m.DB, m.Logger)
	if sc.verb == "verify" {
		return verifyAudit(ctx, env, log)
	}
	return listAudit(ctx, env, log, lf)
}

func verifyAudit(ctx context.Context, env Env, log *audit.Log) error {
	r, err := log.Verify(ctx)
	if err != nil {
		return err
	}
	if !r.OK {
		return fmt.Errorf("audit log broken at entry %d: %s (the %d entries before it are intact)",
			r.BadSeq, r.Reason, r.Entries)
	}
	if r.Entries == 0 {
		fmt.Fprintln(env.Stdout, "audit log intact: 0 entries")
		return nil
	}
	fmt.Fprintf(env.Stdout, "audit log intact: %d entries, head %s\n", r.Entries, r.Head)
	return nil
}

func listAudit(ctx context.Context, env Env, log *audit.Log, lf auditListFlags) error {
	list, err := log.List(ctx, lf.limit, lf.before)
	if err != nil {
		return err
	}
	if lf.asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(append([]audit.Entry{}, list...)) // [] rather than null when empty
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SEQ\tTIME\tTYPE\tACTOR\tCLIENT\tIP\tSUBJECT\tDETAILS")
	for _, e := range list {
		actor := e.Actor
		if e.ActorKind != "" {
			actor = e.ActorKind + ":" + e.Actor
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Seq, stamp(e.Time), e.Type,
			dash(actor), dash(e.ClientID), dash(e.IP), dash(e.Subject), dash(pairs(e.Details)))
	}
	return tw.Flush()
}

// pairs renders details as "k=v k=v" in key order, one table cell.
func pairs(d map[string]string) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(d)) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s=%q", k, d[k])
	}
	return b.String()
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
