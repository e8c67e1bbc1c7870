package app

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"mvnk/idp/account"
)

// accountFlags are the flags of `account create` (and --json of all).
type accountFlags struct {
	json, stdin, verified, staff bool
	username, email, org         string
	roles                        stringList
}

func (f *accountFlags) register(fs *flag.FlagSet, verb string) {
	fs.BoolVar(&f.json, "json", false, "print JSON")
	if verb != "create" {
		return
	}
	fs.StringVar(&f.username, "username", "", "username: 3–64 letters, digits, '.', '_', '-' (required)")
	fs.StringVar(&f.email, "email", "", "e-mail address (required)")
	fs.BoolVar(&f.stdin, "password-stdin", false, "read the password from the first line of standard input")
	fs.BoolVar(&f.verified, "email-verified", false, "mark the e-mail address as confirmed")
	fs.BoolVar(&f.staff, "staff", false, "staff account (Sachbearbeiter): needs --organisation; second factor mandatory")
	fs.StringVar(&f.org, "organisation", "", "organisation of a staff account")
	fs.Var(&f.roles, "role", "role of a staff account (repeatable)")
}

// account builds the account to create from the flags.
func (f *accountFlags) account() (*account.Account, error) {
	if f.username == "" || f.email == "" {
		return nil, &StartError{Setting: "account create", Err: errors.New("--username and --email are required")}
	}
	if !f.staff && (f.org != "" || len(f.roles) > 0) {
		return nil, &StartError{Setting: "account create", Err: errors.New("--organisation and --role need --staff")}
	}
	if f.staff && strings.TrimSpace(f.org) == "" {
		return nil, &StartError{Setting: "account create", Err: errors.New("--staff needs --organisation")}
	}
	a := &account.Account{Kind: account.Citizen, Username: f.username, Email: f.email,
		EmailVerified: f.verified, Organisation: f.org, Roles: f.roles}
	if f.staff {
		a.Kind = account.Staff
	}
	return a, nil
}

func (f *accountFlags) readPassword(env Env) (string, error) {
	if !f.stdin {
		return "", nil
	}
	return readFirstLine(env)
}

// accountView is an account as the CLI shows it: never the hash, only
// whether there is one.
type accountView struct {
	*account.Account
	HasPassword bool                `json:"has_password"`
	Attributes  []account.Attribute `json:"attributes,omitempty"`
}

func view(a *account.Account, attrs []account.Attribute) accountView {
	return accountView{Account: a, HasPassword: a.PasswordHash != "", Attributes: attrs}
}

func (c accountCmd) show(ctx context.Context, a *account.Account) error {
	attrs, err := c.store.Attributes(ctx, a.ID)
	if err != nil {
		return err
	}
	if c.flags.json {
		return writeJSON(c.env, view(a, attrs))
	}
	tw := tabwriter.NewWriter(c.env.Stdout, 0, 4, 2, ' ', 0)
	for _, row := range [][2]string{
		{"id", a.ID}, {"kind", string(a.Kind)}, {"username", a.Username},
		{"email", fmt.Sprintf("%s (verified: %t)", a.Email, a.EmailVerified)},
		{"state", string(a.State)}, {"password", fmt.Sprint(a.PasswordHash != "")},
		{"trust_level", fmt.Sprint(a.TrustLevel)}, {"organisation", a.Organisation},
		{"roles", strings.Join(a.Roles, " ")}, {"postfach_handle", a.PostfachHandle},
		{"created", a.CreatedAt.Format(time.RFC3339)}, {"updated", a.UpdatedAt.Format(time.RFC3339)},
	} {
		if row[1] != "" {
			fmt.Fprintf(tw, "%s:\t%s\n", row[0], row[1])
		}
	}
	for _, at := range attrs {
		fmt.Fprintf(tw, "attribute %s:\t%s (source %s, level %d)\n", at.Name, at.Value, at.Source, at.Level)
	}
	return tw.Flush()
}

func writeJSON(env Env, v any) error {
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
