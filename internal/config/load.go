package config

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error names the setting that is wrong and what is wrong with it; mvnk
// prints it as one line and exits with code 2.
type Error struct {
	Setting string
	Msg     string
}

func (e *Error) Error() string { return e.Setting + ": " + e.Msg }

// Flags are the command-line flags every subcommand shares.
type Flags struct {
	fs     *flag.FlagSet
	config *string
	values map[string]*flagValue
}

type flagValue struct {
	v      string
	isBool bool
}

func (f *flagValue) String() string     { return f.v }
func (f *flagValue) Set(v string) error { f.v = v; return nil }
func (f *flagValue) IsBoolFlag() bool   { return f.isBool }

// RegisterFlags adds --config and one flag per setting to fs.
func RegisterFlags(fs *flag.FlagSet) *Flags {
	f := &Flags{fs: fs, values: map[string]*flagValue{}}
	f.config = fs.String("config", "", "YAML configuration file (env MVNK_CONFIG)")
	for _, s := range settings {
		v := &flagValue{isBool: s.key == "dev"}
		f.values[s.key] = v
		fs.Var(v, s.Flag(), s.usage+" (env "+s.Env()+")")
	}
	return f
}

// Load builds the configuration from defaults, the YAML file, the
// environment (read through getenv) and the flags set on the command line.
func Load(f *Flags, getenv func(string) string) (*Config, error) {
	c := &Config{}
	for _, s := range settings {
		if err := s.set(c, s.def); err != nil {
			return nil, fmt.Errorf("default of %s: %w", s.Env(), err)
		}
	}
	file := getenv("MVNK_CONFIG")
	if *f.config != "" {
		file = *f.config
	}
	if file != "" {
		if err := loadFile(c, file); err != nil {
			return nil, err
		}
		c.ConfigFile = file
	}
	for _, s := range settings {
		if v, ok := lookup(getenv, s.Env()); ok {
			if err := s.set(c, v); err != nil {
				return nil, &Error{Setting: s.Env(), Msg: err.Error()}
			}
		}
	}
	var ferr error
	f.fs.Visit(func(fl *flag.Flag) {
		key := strings.ReplaceAll(fl.Name, "-", "_")
		s, ok := find(key)
		if !ok || ferr != nil {
			return
		}
		if err := s.set(c, f.values[key].v); err != nil {
			ferr = &Error{Setting: "--" + fl.Name, Msg: err.Error()}
		}
	})
	if ferr != nil {
		return nil, ferr
	}
	return c, c.finish()
}

func lookup(getenv func(string) string, name string) (string, bool) {
	v := getenv(name)
	return v, v != ""
}

// finish fills defaults that depend on other settings and checks the
// settings that only make sense together.
func (c *Config) finish() error {
	if c.DatabaseURL == "" {
		c.DatabaseURL = "sqlite:" + filepath.Join(c.DataDir, "mvnk.db")
	}
	if c.LogFormat == "" {
		c.LogFormat = "json"
		if c.Dev {
			c.LogFormat = "text"
		}
	}
	if !c.Dev && c.MasterKey == "" {
		return &Error{Setting: "MVNK_MASTER_KEY", Msg: "required outside --dev mode (base64 of 32 random bytes, e.g. from `openssl rand -base64 32`)"}
	}
	if err := c.SMTP.check(); err != nil {
		return err
	}
	if c.KeyPrePublish >= c.KeyRotateEvery {
		return &Error{Setting: "MVNK_KEY_PREPUBLISH", Msg: "must be shorter than MVNK_KEY_ROTATE_EVERY"}
	}
	return nil
}

func loadFile(c *Config, file string) error {
	raw, err := os.ReadFile(file)
	if err != nil {
		return &Error{Setting: "--config", Msg: err.Error()}
	}
	var values map[string]any
	if err := yaml.Unmarshal(raw, &values); err != nil {
		return &Error{Setting: "--config", Msg: fmt.Sprintf("%s is not valid YAML: %v", file, err)}
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		s, ok := find(k)
		if !ok {
			return &Error{Setting: "--config", Msg: fmt.Sprintf("%s: unknown setting %q", file, k)}
		}
		if err := s.set(c, fmt.Sprint(values[k])); err != nil {
			return &Error{Setting: k + " in " + file, Msg: err.Error()}
		}
	}
	return nil
}

func find(key string) (setting, bool) {
	for _, s := range settings {
		if s.key == key {
			return s, true
		}
	}
	return setting{}, false
}
