package login

// Issuer is the instance's public base URL without a trailing slash, for
// absolute links in mails of pages built on the login (idp/console).
func (l *Login) Issuer() string { return l.cfg.Issuer }
