package app

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"mvnk/audit"
	"mvnk/idp"
	"mvnk/idp/account"
	"mvnk/internal/config"
	"mvnk/postfach"
	"mvnk/store"
)

const accountUsage = "want `account create --username U --email E [--password-stdin] [--email-verified] [--staff --organisation O --role R …]`, " +
	"`account list`, `account show <id|username|e-mail>`, `account disable <id|username|e-mail>` or `account delete <id>`"

// runAccount manages user accounts: create, list, show, disable, delete.
func runAccount(ctx context.Context, env Env, args []string) error {
	sc, err := splitVerb("account", accountUsage, args, verbs{
		all: []string{"create", "list", "show", "disable", "delete"}, withID: []string{"show", "disable", "delete"}, idName: "account"})
	if err != nil {
		return err
	}
	var af accountFlags
	m, err := openAdmin(ctx, env, "account "+sc.verb, sc.rest, func(fs *flag.FlagSet) { af.register(fs, sc.verb) })
	if err != nil {
		return err
	}
	defer m.Close()
	mailboxes, err := m.postfachStore()
	if err != nil {
		return err
	}
	cmd := accountCmd{env: env, db: m.DB, store: account.NewStore(m.DB), flags: &af, login: m.Config.Login, audit: m.Audit,
		postfach: mailboxes}
	return cmd.run(ctx, sc.verb, sc.id)
}

type accountCmd struct {
	env   Env
	db    *store.DB
	store *account.Store
	flags *accountFlags
	login config.Login
	audit *audit.Log
	// postfach is erased with the account.
	postfach *postfach.Store
}

func (c accountCmd) record(ctx context.Context, kind, id string) error {
	return recordOperator(ctx, c.env, c.audit, kind, id, "mvnk account")
}

func (c accountCmd) run(ctx context.Context, verb, id string) error {
	switch verb {
	case "create":
		return c.create(ctx)
	case "list":
		return c.list(ctx)
	case "show":
		a, err := c.find(ctx, id)
		if err != nil {
			return err
		}
		return c.show(ctx, a)
	case "disable":
		return c.disable(ctx, id)
	}
	return c.delete(ctx, id)
}

func (c accountCmd) create(ctx context.Context) error {
	a, err := c.flags.account()
	if err != nil {
		return err
	}
	password, err := c.flags.readPassword(c.env)
	if err != nil {
		return err
	}
	auth := account.NewAuthenticator(c.store, passwordParams(c.login), throttlePolicy(c.login))
	if err := auth.Create(ctx, a, password); err != nil {
		return passwordRefused(err)
	}
	if err := c.record(ctx, audit.AdminAccountCreated, a.ID); err != nil {
		return err
	}
	if a.State == account.Pending {
		fmt.Fprintln(c.env.Stderr, "Hinweis: Konto ist „pending“ (no password or e-mail not confirmed): login needs both.")
	}
	return c.show(ctx, a)
}

// passwordRefused spells out the rules a refused password breaks.
func passwordRefused(err error) error {
	var pe *account.PasswordError
	if !errors.As(err, &pe) {
		return err
	}
	msgs := make([]string, len(pe.Problems))
	for i, key := range pe.Problems {
		msgs[i] = account.Message(key)
	}
	return fmt.Errorf("password refused (Passwort abgelehnt): %s", strings.Join(msgs, " "))
}

// find resolves an account id, username or e-mail address.
func (c accountCmd) find(ctx context.Context, ref string) (*account.Account, error) {
	a, err := c.store.GetByID(ctx, ref)
	if errors.Is(err, account.ErrNoAccount) {
		a, err = c.store.GetByLogin(ctx, ref)
	}
	if err != nil {
		return nil, fmt.Errorf("account %q: %w", ref, err)
	}
	return a, nil
}

func (c accountCmd) disable(ctx context.Context, ref string) error {
	a, err := c.find(ctx, ref)
	if err != nil {
		return err
	}
	if a, err = c.store.Disable(ctx, a.ID); err != nil {
		return err
	}
	if err := c.record(ctx, audit.AdminAccountDisabled, a.ID); err != nil {
		return err
	}
	if c.flags.json {
		return writeJSON(c.env, view(a, nil))
	}
	fmt.Fprintf(c.env.Stdout, "account %s (%s) disabled\n", a.ID, a.Username)
	return nil
}

// delete takes only the id: it erases personal data and cannot be undone.
func (c accountCmd) delete(ctx context.Context, id string) error {
	if _, err := c.store.GetByID(ctx, id); err != nil {
		return err
	}
	if _, err := idp.ForgetAccount(ctx, c.db, id); err != nil {
		return err
	}
	if err := c.postfach.EraseMailbox(ctx, id); err != nil {
		return err
	}
	d, err := c.store.Delete(ctx, id)
	if err != nil {
		return err
	}
	if err := c.record(ctx, audit.AdminAccountDeleted, id); err != nil {
		return err
	}
	if c.flags.json {
		return writeJSON(c.env, d)
	}
	fmt.Fprintf(c.env.Stdout, "account %s deleted: %s account %q <%s>, postfach handle %s, %d attribute(s), %d token(s)\n",
		d.Account.ID, d.Account.Kind, d.Account.Username, d.Account.Email, d.Account.PostfachHandle, d.Attributes, d.Tokens)
	return nil
}

func (c accountCmd) list(ctx context.Context) error {
	list, err := c.store.List(ctx)
	if err != nil {
		return err
	}
	if c.flags.json {
		out := make([]accountView, 0, len(list))
		for _, a := range list {
			out = append(out, view(a, nil))
		}
		return writeJSON(c.env, out)
	}
	tw := tabwriter.NewWriter(c.env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tUSERNAME\tE-MAIL\tVERIFIED\tKIND\tSTATE\tLEVEL\tORGANISATION")
	for _, a := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%t\t%s\t%s\t%d\t%s\n", a.ID, a.Username, a.Email, a.EmailVerified,
			a.Kind, a.State, a.TrustLevel, a.Organisation)
	}
	return tw.Flush()
}

// readFirstLine reads the password: the first line of stdin, without its
// line end. Spaces are kept (NIST SP 800-63B §5.1.1.2 allows them).
func readFirstLine(env Env) (string, error) {
	if env.Stdin == nil {
		return "", &StartError{Setting: "--password-stdin", Err: errors.New("no standard input")}
	}
	line, err := bufio.NewReader(env.Stdin).ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", &StartError{Setting: "--password-stdin", Err: fmt.Errorf("empty first line on standard input (%v)", err)}
	}
	return line, nil
}
