package config

import (
	"fmt"
	"strconv"
	"time"
)

// Login holds the costs and limits of logging in: the argon2id parameters
// of new password hashes (a stored hash with other parameters is re-hashed
// at its next login), the throttle against online guessing and the ends
// of a login session.
type Login struct {
	PasswordMemoryKiB uint32
	PasswordTime      uint32
	PasswordThreads   uint8
	AccountFree       int // failures per account before the waits start
	IPFree            int // failures per address before the waits start
	MaxDelay          time.Duration
	SessionIdle       time.Duration
	SessionAbsolute   time.Duration
}

// integer parses a whole number in [lo, hi] into the field.
func integer[T ~int | ~uint32 | ~uint8](field func(*Config) *T, lo, hi int) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			return fmt.Errorf("%q is not a whole number from %d to %d", v, lo, hi)
		}
		*field(c) = T(n)
		return nil
	}
}

var loginSettings = []setting{
	{key: "password_memory", def: "19456", usage: "argon2id memory of new password hashes in KiB (OWASP minimum 19456 = 19 MiB)",
		set: integer(func(c *Config) *uint32 { return &c.Login.PasswordMemoryKiB }, 8192, 4<<20)},
	{key: "password_time", def: "2", usage: "argon2id passes of new password hashes",
		set: integer(func(c *Config) *uint32 { return &c.Login.PasswordTime }, 1, 20)},
	{key: "password_threads", def: "1", usage: "argon2id lanes of new password hashes",
		set: integer(func(c *Config) *uint8 { return &c.Login.PasswordThreads }, 1, 16)},
	{key: "login_account_free", def: "5", usage: "failed logins per account before each further one doubles the wait",
		set: integer(func(c *Config) *int { return &c.Login.AccountFree }, 1, 100)},
	{key: "login_ip_free", def: "50", usage: "failed logins per IP address before each further one doubles the wait",
		set: integer(func(c *Config) *int { return &c.Login.IPFree }, 1, 10000)},
	{key: "login_max_delay", def: "15m", usage: "longest wait the login throttle imposes",
		set: duration(func(c *Config) *time.Duration { return &c.Login.MaxDelay })},
	{key: "session_idle", def: "30m", usage: "a login session ends after this long without a request (the pages show a countdown)",
		set: duration(func(c *Config) *time.Duration { return &c.Login.SessionIdle })},
	{key: "session_absolute", def: "12h", usage: "a login session ends this long after the login, used or not",
		set: duration(func(c *Config) *time.Duration { return &c.Login.SessionAbsolute })},
}
