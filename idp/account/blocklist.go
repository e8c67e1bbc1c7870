package account

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strings"
	"sync"
)

// passwordsGz is the list of common and breached passwords; see
// blocklist/README.md for its sources and licences.
//
//go:embed blocklist/passwords.txt.gz
var passwordsGz []byte

// blocklist is built on first use: one lower-case entry per line.
var blocklist = sync.OnceValue(func() map[string]struct{} {
	zr, err := gzip.NewReader(bytes.NewReader(passwordsGz))
	if err != nil {
		panic("account: embedded blocklist unreadable: " + err.Error()) // fixed at build time
	}
	m := make(map[string]struct{}, 100_000)
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" {
			m[w] = struct{}{}
		}
	}
	if err := sc.Err(); err != nil {
		panic("account: embedded blocklist unreadable: " + err.Error())
	}
	return m
})

// Blocklisted reports whether a password is on the list of common and
// breached passwords (NIST SP 800-63B §5.1.1.2), ignoring case.
func Blocklisted(password string) bool {
	_, found := blocklist()[strings.ToLower(normalize(password))]
	return found
}
