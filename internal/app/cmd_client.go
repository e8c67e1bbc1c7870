package app

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/go-jose/go-jose/v4"

	"mvnk/audit"
	"mvnk/idp"
)

const clientUsage = "want `client create [flags]`, `client list`, `client show <id>`, `client update <id> [flags]` or `client delete <id>`"

// runClient manages registered clients: create, list, show, update, delete.
func runClient(ctx context.Context, env Env, args []string) error {
	sc, err := splitVerb("client", clientUsage, args, verbs{
		all: []string{"create", "list", "show", "update", "delete"}, withID: []string{"show", "update", "delete"}, idName: "client id"})
	if err != nil {
		return err
	}
	var cf clientFlags
	m, err := openAdmin(ctx, env, "client "+sc.verb, sc.rest, func(fs *flag.FlagSet) { cf.register(fs, sc.verb) })
	if err != nil {
		return err
	}
	defer m.Close()
	cmd := clientCmd{env: env, store: idp.NewClientStore(m.DB), flags: &cf, audit: m.Audit}
	return cmd.run(ctx, sc.verb, sc.id)
}

type clientCmd struct {
	env   Env
	store *idp.SQLClientStore
	flags *clientFlags
	audit *audit.Log
}

// record writes an operator's change to the audit log. The operator is
// whoever runs the command on this machine; the change itself is done.
func (c clientCmd) record(ctx context.Context, kind, clientID string, details map[string]string) error {
	user := c.env.Getenv("USER")
	if user == "" {
		user = "unknown"
	}
	d := map[string]string{"via": "mvnk client"}
	maps.Copy(d, details)
	err := c.audit.Record(ctx, audit.Event{Type: kind, Actor: user, ActorKind: audit.ActorOperator, Subject: clientID,
		Details: d})
	if err != nil {
		return fmt.Errorf("client %s changed, but the audit log could not be written: %w", clientID, err)
	}
	return nil
}

func (c clientCmd) run(ctx context.Context, verb, id string) error {
	switch verb {
	case "create":
		return c.create(ctx)
	case "list":
		return c.list(ctx)
	case "show":
		cl, err := c.store.GetClient(ctx, id)
		if err != nil {
			return err
		}
		return c.print(cl.Resource(""))
	case "update":
		return c.update(ctx, id)
	}
	if err := c.store.DeleteClient(ctx, id); err != nil {
		return err
	}
	if err := c.record(ctx, audit.AdminClientDeleted, id, nil); err != nil {
		return err
	}
	fmt.Fprintf(c.env.Stdout, "client %s deleted\n", id)
	return nil
}

func (c clientCmd) create(ctx context.Context) error {
	p, err := c.flags.patch()
	if err != nil {
		return err
	}
	cl, secret, err := idp.RegisterClient(ctx, c.store, p)
	if err != nil {
		return err
	}
	if err := c.record(ctx, audit.AdminClientCreated, cl.ID, p.AuditDetails()); err != nil {
		return err
	}
	return c.printWithSecret(cl.Resource(secret))
}

func (c clientCmd) update(ctx context.Context, id string) error {
	p, err := c.flags.patch()
	if err != nil {
		return err
	}
	cl, secret, err := idp.ChangeClient(ctx, c.store, id, idp.ClientChange{Patch: p, RotateSecret: c.flags.rotate})
	if err != nil {
		return err
	}
	if err := c.record(ctx, audit.AdminClientUpdated, cl.ID, p.AuditDetails()); err != nil {
		return err
	}
	return c.printWithSecret(cl.Resource(secret))
}

func (c clientCmd) list(ctx context.Context) error {
	list, err := c.store.ListClients(ctx)
	if err != nil {
		return err
	}
	if c.flags.json {
		out := make([]idp.ClientResource, 0, len(list))
		for _, cl := range list {
			out = append(out, cl.Resource(""))
		}
		return c.writeJSON(out)
	}
	tw := tabwriter.NewWriter(c.env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CLIENT ID\tNAME\tOWNER\tAUTH\tGRANTS\tSUB\tLEVEL")
	for _, cl := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\n", cl.ID, cl.Name, cl.Owner, cl.AuthMethod,
			strings.Join(cl.GrantTypes, ","), cl.SubjectType, cl.MinTrustLevel)
	}
	return tw.Flush()
}

// printWithSecret shows the client and, when one was made, the secret
// with a warning on stderr: it cannot be shown again.
func (c clientCmd) printWithSecret(r idp.ClientResource) error {
	if r.Secret != "" {
		fmt.Fprintln(c.env.Stderr, "Achtung: das Client-Secret wird nur jetzt angezeigt und ist nicht wiederherstellbar (shown once, store it now).")
	}
	return c.print(r)
}

func (c clientCmd) print(r idp.ClientResource) error {
	if c.flags.json {
		return c.writeJSON(r)
	}
	tw := tabwriter.NewWriter(c.env.Stdout, 0, 4, 2, ' ', 0)
	for _, row := range [][2]string{
		{"client_id", r.ID}, {"client_secret", r.Secret}, {"name", r.Name}, {"owner", r.Owner},
		{"redirect_uris", strings.Join(r.RedirectURIs, " ")},
		{"post_logout_redirect_uris", strings.Join(r.PostLogoutRedirectURIs, " ")},
		{"backchannel_logout_uri", r.BackchannelLogoutURI},
		{"grant_types", strings.Join(r.GrantTypes, " ")}, {"scopes", strings.Join(r.Scopes, " ")},
		{"auth_method", r.AuthMethod}, {"jwks_uri", r.JWKSURI},
		{"public / pkce / par", fmt.Sprintf("%t / %t / %t", r.Public, r.RequirePKCE, r.RequirePAR)},
		{"access_token", fmt.Sprintf("%s, %s", r.AccessTokenFormat, time.Duration(r.AccessTokenLifetime)*time.Second)},
		{"first_party", fmt.Sprint(r.FirstParty)}, {"subject", r.SubjectType + " " + r.SectorIdentifier},
		{"min_trust_level", fmt.Sprint(r.MinTrustLevel)}, {"staff", fmt.Sprint(r.Staff)},
		{"eid_identifiers", fmt.Sprint(r.EIDIdentifiers)}, {"postfach_senders", senderList(r)},
		{"description", r.Description}, {"policy_uri", r.PolicyURI},
	} {
		if row[1] != "" {
			fmt.Fprintf(tw, "%s:\t%s\n", row[0], row[1])
		}
	}
	return tw.Flush()
}

// senderList shows the Behörden the client sends Postfach messages as,
// each quoted (names hold spaces and commas); the owner when no list is
// registered.
func senderList(r idp.ClientResource) string {
	if len(r.PostfachSenders) == 0 && r.Owner != "" {
		return fmt.Sprintf("%q (owner)", r.Owner)
	}
	quoted := make([]string, len(r.PostfachSenders))
	for i, name := range r.PostfachSenders {
		quoted[i] = fmt.Sprintf("%q", name)
	}
	return strings.Join(quoted, ", ")
}

func (c clientCmd) writeJSON(v any) error {
	enc := json.NewEncoder(c.env.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func readJWKS(path string) (*jose.JSONWebKeySet, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--jwks-file: %w", err)
	}
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(raw, &set); err != nil {
		return nil, fmt.Errorf("--jwks-file %s: not a JWK set (RFC 7517 §5): %w", path, err)
	}
	return &set, nil
}

// stringList is a repeatable flag: --scope a --scope b. An empty value
// (--scope "") stands for the empty list, to clear one on update.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }

func (l *stringList) Set(v string) error {
	if v != "" {
		*l = append(*l, v)
	}
	return nil
}

// clientFlags are the flags of create and update. Only flags given on
// the command line go into the patch, so update changes just those.
type clientFlags struct {
	fs                                          *flag.FlagSet
	json, rotate                                bool
	name, owner, backchannel, authMethod        string
	tokenFormat, subjectType, sector            string
	jwksURI, jwksFile, description, policyURI   string
	redirects, postLogout, grants, scopes, aud  stringList
	senders                                     stringList
	public, firstParty, pkce, par, staff        bool
	eidIdentifiers                              bool
	accessLifetime, refreshLifetime, idLifetime time.Duration
	minTrust                                    int
}

func (f *clientFlags) register(fs *flag.FlagSet, verb string) {
	f.fs = fs
	fs.BoolVar(&f.json, "json", false, "print JSON")
	if verb == "update" {
		fs.BoolVar(&f.rotate, "rotate-secret", false, "replace the client secret; the new one is shown once")
	}
	if verb != "create" && verb != "update" {
		return
	}
	fs.StringVar(&f.name, "name", "", "display name")
	fs.StringVar(&f.owner, "owner", "", "responsible Behörde")
	fs.Var(&f.redirects, "redirect-uri", "redirect URI, exact match (repeatable)")
	fs.Var(&f.postLogout, "post-logout-redirect-uri", "post-logout redirect URI (repeatable)")
	fs.StringVar(&f.backchannel, "backchannel-logout-uri", "", "OIDC back-channel logout URI")
	fs.Var(&f.grants, "grant-type", "authorization_code, refresh_token, client_credentials (repeatable)")
	fs.Var(&f.scopes, "scope", "allowed scope (repeatable)")
	fs.Var(&f.aud, "audience", "allowed audience (repeatable)")
	fs.Var(&f.senders, "postfach-sender", `Behörde the client may send Postfach messages as (repeatable, replaces the list; default: the owner; "" clears)`)
	fs.BoolVar(&f.public, "public", false, "public client (native/SPA): no secret, PKCE required")
	fs.BoolVar(&f.firstParty, "first-party", false, "first-party service: no consent screen")
	fs.BoolVar(&f.staff, "staff", false, "service for case workers: staff accounts only, no citizens")
	fs.BoolVar(&f.eidIdentifiers, "eid-identifiers", false, "service needs the sector identifiers restricted_id and bpk2")
	fs.StringVar(&f.description, "description", "", "purpose of the service, shown on the consent page (German)")
	fs.StringVar(&f.policyURI, "policy-uri", "", "https URL of the service's privacy policy")
	fs.StringVar(&f.authMethod, "auth-method", "", "client_secret_basic (default), client_secret_post, private_key_jwt, none")
	fs.BoolVar(&f.pkce, "pkce", true, "require PKCE (only confidential clients may turn it off)")
	fs.BoolVar(&f.par, "par", false, "require pushed authorization requests (RFC 9126)")
	fs.StringVar(&f.tokenFormat, "token-format", "", "access token format: jwt (default) or opaque")
	fs.DurationVar(&f.accessLifetime, "access-token-lifetime", 0, "access token lifetime (default 10m, max 1h)")
	fs.DurationVar(&f.refreshLifetime, "refresh-token-lifetime", 0, "refresh token lifetime (default 720h, max 2160h)")
	fs.DurationVar(&f.idLifetime, "id-token-lifetime", 0, "ID token lifetime (default 10m, max 1h)")
	fs.StringVar(&f.subjectType, "subject-type", "", "pairwise (default for third parties) or public")
	fs.StringVar(&f.sector, "sector-identifier", "", "sector host for pairwise subjects (OIDC Core §8.1)")
	fs.IntVar(&f.minTrust, "min-trust-level", 0, "minimum trust level 0–4")
	fs.StringVar(&f.jwksURI, "jwks-uri", "", "https URL of the client's JWKS")
	fs.StringVar(&f.jwksFile, "jwks-file", "", "file with the client's public JWKS")
}

// patch turns the flags given into a patch.
func (f *clientFlags) patch() (idp.ClientPatch, error) {
	var p idp.ClientPatch
	var err error
	seconds := func(d time.Duration) *int64 { s := int64(d / time.Second); return &s }
	list := func(l stringList) *[]string { s := []string(l); return &s }
	f.fs.Visit(func(fl *flag.Flag) {
		switch fl.Name {
		case "name":
			p.Name = &f.name
		case "owner":
			p.Owner = &f.owner
		case "redirect-uri":
			p.RedirectURIs = list(f.redirects)
		case "post-logout-redirect-uri":
			p.PostLogoutRedirectURIs = list(f.postLogout)
		case "backchannel-logout-uri":
			p.BackchannelLogoutURI = &f.backchannel
		case "grant-type":
			p.GrantTypes = list(f.grants)
		case "scope":
			p.Scopes = list(f.scopes)
		case "audience":
			p.Audience = list(f.aud)
		case "postfach-sender":
			p.PostfachSenders = list(f.senders)
		case "public":
			p.Public = &f.public
		case "first-party":
			p.FirstParty = &f.firstParty
		case "staff":
			p.Staff = &f.staff
		case "eid-identifiers":
			p.EIDIdentifiers = &f.eidIdentifiers
		case "description":
			p.Description = &f.description
		case "policy-uri":
			p.PolicyURI = &f.policyURI
		case "auth-method":
			p.AuthMethod = &f.authMethod
		case "pkce":
			p.RequirePKCE = &f.pkce
		case "par":
			p.RequirePAR = &f.par
		case "token-format":
			p.AccessTokenFormat = &f.tokenFormat
		case "access-token-lifetime":
			p.AccessTokenLifetime = seconds(f.accessLifetime)
		case "refresh-token-lifetime":
			p.RefreshTokenLifetime = seconds(f.refreshLifetime)
		case "id-token-lifetime":
			p.IDTokenLifetime = seconds(f.idLifetime)
		case "subject-type":
			p.SubjectType = &f.subjectType
		case "sector-identifier":
			p.SectorIdentifier = &f.sector
		case "min-trust-level":
			p.MinTrustLevel = &f.minTrust
		case "jwks-uri":
			p.JWKSURI = &f.jwksURI
		case "jwks-file":
			p.JWKS, err = readJWKS(f.jwksFile)
		}
	})
	return p, err
}
