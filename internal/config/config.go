// Package config holds the settings every mvnk subcommand reads. A value
// comes from, in rising precedence: the built-in default, the YAML file
// named by --config, an MVNK_* environment variable, a command-line flag.
package config

import (
	"net/url"
	"time"
)

// Config is the validated configuration of one mvnk process.
type Config struct {
	Listen          string
	PublicURL       *url.URL
	DatabaseURL     string // empty until Load fills the SQLite default
	MasterKey       string // base64; never logged
	DataDir         string
	Dev             bool
	LogFormat       string // "text" or "json"
	LogLevel        string // "debug", "info", "warn", "error"
	ShutdownTimeout time.Duration
	KeyRotateEvery  time.Duration
	KeyPrePublish   time.Duration
	TokenMaxLife    time.Duration
	JobPoll         time.Duration
	JobLease        time.Duration
	SMTP            SMTP // outgoing mail; Host "" = none (the dev mailbox with --dev)
	Login           Login
	EID             EID
	Postfach        Postfach
	ConfigFile      string
}

// Issuer is the public base URL without a trailing slash, the OIDC issuer.
func (c *Config) Issuer() string {
	u := *c.PublicURL
	u.Path = trimSlash(u.Path)
	return u.String()
}

// HTTPS reports whether the public URL is https, which turns on HSTS and
// Secure cookies.
func (c *Config) HTTPS() bool { return c.PublicURL.Scheme == "https" }

func trimSlash(p string) string {
	for len(p) > 0 && p[len(p)-1] == '/' {
		p = p[:len(p)-1]
	}
	return p
}
