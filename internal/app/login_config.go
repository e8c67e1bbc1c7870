package app

import (
	"mvnk/idp/account"
	"mvnk/idp/login"
	"mvnk/internal/config"
	"mvnk/store"
)

// passwordParams are the argon2id parameters of new hashes from the
// configuration; salt and tag lengths stay the account package's.
func passwordParams(c config.Login) account.Params {
	p := account.DefaultParams
	p.MemoryKiB, p.Time, p.Threads = c.PasswordMemoryKiB, c.PasswordTime, c.PasswordThreads
	return p
}

// throttlePolicy is the login throttle from the configuration.
func throttlePolicy(c config.Login) account.ThrottlePolicy {
	t := account.DefaultThrottle
	t.AccountFree, t.IPFree, t.MaxDelay = c.AccountFree, c.IPFree, c.MaxDelay
	return t
}

// accountAuthenticator is the password check every command and the web
// login share, with the configured costs.
func accountAuthenticator(db *store.DB, c config.Login) *account.Authenticator {
	return account.NewAuthenticator(account.NewStore(db), passwordParams(c), throttlePolicy(c))
}

// sessionLimits sets the configured ends of login sessions.
func sessionLimits(s *login.Sessions, c config.Login) {
	s.Idle, s.Absolute = c.SessionIdle, c.SessionAbsolute
}
