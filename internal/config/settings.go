package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// setting is one row of the configuration table: its YAML key, the
// environment variable and flag derived from it, its default and how a
// value is parsed and checked. The README's table is this list.
type setting struct {
	key    string
	def    string
	usage  string
	secret bool
	set    func(c *Config, v string) error
}

// Env is the environment variable of the setting.
func (s setting) Env() string { return "MVNK_" + strings.ToUpper(s.key) }

// Flag is the command-line flag of the setting.
func (s setting) Flag() string { return strings.ReplaceAll(s.key, "_", "-") }

var settings = append(append(append(coreSettings, loginSettings...), eidSettings...), postfachSettings...)

var coreSettings = []setting{
	{key: "listen", def: "127.0.0.1:8080", usage: "address the HTTP server listens on (host:port)", set: setListen},
	{key: "public_url", def: "http://localhost:8080", usage: "public base URL; the OIDC issuer", set: setPublicURL},
	{key: "database_url", def: "", usage: "sqlite:PATH or postgres://…; default sqlite:<data_dir>/mvnk.db", set: setDatabaseURL},
	{key: "master_key", def: "", secret: true, usage: "base64 of 32 random bytes that encrypt the keys at rest (required without --dev)",
		set: func(c *Config, v string) error { c.MasterKey = v; return nil }},
	{key: "data_dir", def: "./data", usage: "directory for the SQLite file and, in dev mode, the generated master key", set: setDataDir},
	{key: "dev", def: "false", usage: "development mode: generated master key, dev mailbox, simulators, demo data, banner", set: setDev},
	{key: "log_format", def: "", usage: "text or json (default: text with --dev, json otherwise)", set: oneOf(func(c *Config) *string { return &c.LogFormat }, "", "text", "json")},
	{key: "log_level", def: "info", usage: "debug, info, warn or error", set: oneOf(func(c *Config) *string { return &c.LogLevel }, "debug", "info", "warn", "error")},
	{key: "shutdown_timeout", def: "20s", usage: "how long in-flight requests and jobs may take to finish on SIGTERM", set: duration(func(c *Config) *time.Duration { return &c.ShutdownTimeout })},
	{key: "key_rotate_every", def: "720h", usage: "age after which a signing key is replaced", set: duration(func(c *Config) *time.Duration { return &c.KeyRotateEvery })},
	{key: "key_prepublish", def: "1h", usage: "how long a new signing key is published before it signs", set: duration(func(c *Config) *time.Duration { return &c.KeyPrePublish })},
	{key: "token_max_lifetime", def: "24h", usage: "longest lifetime of a signed token; a retired key stays published this long", set: duration(func(c *Config) *time.Duration { return &c.TokenMaxLife })},
	{key: "job_poll", def: "2s", usage: "how often a node looks for due background jobs", set: duration(func(c *Config) *time.Duration { return &c.JobPoll })},
	{key: "job_lease", def: "5m", usage: "how long a node's claim on a job holds (and a job may run); a job of a node that died runs elsewhere after it", set: duration(func(c *Config) *time.Duration { return &c.JobLease })},
	{key: "smtp_host", def: "", usage: "SMTP server for outgoing mail (required without --dev; with --dev and unset, mail goes to the dev mailbox /dev/mail)", set: setSMTPHost},
	{key: "smtp_port", def: "587", usage: "SMTP server port (587 submission with starttls, 465 with tls)", set: setSMTPPort},
	{key: "smtp_security", def: "starttls", usage: "starttls, tls (implicit TLS) or none (only for a localhost SMTP server)", set: oneOf(func(c *Config) *string { return &c.SMTP.Security }, "starttls", "tls", "none")},
	{key: "smtp_username", def: "", usage: "user name for SMTP AUTH PLAIN; empty: no authentication", set: func(c *Config, v string) error { c.SMTP.Username = v; return nil }},
	{key: "smtp_password", def: "", secret: true, usage: "password for SMTP AUTH PLAIN; never logged", set: func(c *Config, v string) error { c.SMTP.Password = v; return nil }},
	{key: "mail_from", def: "MV-Serviceportal <noreply@localhost>", usage: "sender address of outgoing mail (RFC 5322 mailbox)", set: setMailFrom},
}

func setListen(c *Config, v string) error {
	host, port, err := net.SplitHostPort(v)
	if err != nil {
		return fmt.Errorf("%q is not host:port", v)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("port %q is not a number between 0 and 65535", port)
	}
	_ = host // empty host means all interfaces
	c.Listen = v
	return nil
}

func setPublicURL(c *Config, v string) error {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an absolute http(s) URL", v)
	}
	if u.RawQuery != "" || u.Fragment != "" || (u.Path != "" && u.Path != "/") {
		return fmt.Errorf("%q must be scheme://host[:port] without path, query or fragment (it is the OIDC issuer)", v)
	}
	if u.Scheme == "http" && !loopback(u.Hostname()) {
		return fmt.Errorf("%q must be https; plain http only for localhost (OIDC Discovery §3)", v)
	}
	c.PublicURL = u
	return nil
}

func loopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func setDatabaseURL(c *Config, v string) error {
	if v != "" && !strings.Contains(v, ":") {
		return fmt.Errorf("%q has no scheme (use sqlite:PATH or postgres://…)", v)
	}
	c.DatabaseURL = v
	return nil
}

func setDataDir(c *Config, v string) error {
	if strings.TrimSpace(v) == "" {
		return errors.New("must not be empty")
	}
	c.DataDir = filepath.Clean(v)
	return nil
}

// boolean parses true or false into the field.
func boolean(field func(*Config) *bool) func(*Config, string) error {
	return func(c *Config, v string) error {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("%q is not true or false", v)
		}
		*field(c) = b
		return nil
	}
}

var setDev = boolean(func(c *Config) *bool { return &c.Dev })

func duration(field func(*Config) *time.Duration) func(*Config, string) error {
	return func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return fmt.Errorf("%q is not a positive duration like 30s, 15m or 24h", v)
		}
		*field(c) = d
		return nil
	}
}

func oneOf(field func(*Config) *string, allowed ...string) func(*Config, string) error {
	return func(c *Config, v string) error {
		for _, a := range allowed {
			if v == a {
				*field(c) = v
				return nil
			}
		}
		return fmt.Errorf("%q is not one of %s", v, strings.Join(nonEmpty(allowed), ", "))
	}
}

func nonEmpty(list []string) []string {
	out := list[:0:0]
	for _, s := range list {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
