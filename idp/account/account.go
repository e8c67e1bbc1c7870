// Package account is the account domain of the MV-Nutzerkonto: citizen
// (Bürgerkonto) and staff (Sachbearbeiter) accounts, their attributes with
// source and trust level, argon2id passwords under the NIST SP 800-63B
// rules, throttled login, and single-use e-mail tokens. It has no pages;
// the login and registration pages of idp/ are built on this API.
package account

import (
	"slices"
	"time"
)

// Kind separates citizens from case workers. A staff account logs in only
// to clients marked for staff, a citizen account never (MayUseClient).
type Kind string

const (
	Citizen Kind = "citizen"
	Staff   Kind = "staff"
)

// State is the life cycle of an account.
type State string

const (
	// Pending: no password yet or e-mail not yet confirmed; no login.
	Pending State = "pending"
	// Active: may log in.
	Active State = "active"
	// Disabled by an operator; login fails like a wrong password.
	Disabled State = "disabled"
)

// Trust levels (Vertrauensniveau, egov-standards §1.1). Self-declared data
// and a password login are Basisregistrierung.
const (
	LevelBasisregistrierung = 1
	LevelSubstanziell       = 3
	LevelHoch               = 4
)

// Account is one user of the Nutzerkonto.
type Account struct {
	ID             string    `json:"id"`
	Kind           Kind      `json:"kind"`
	Username       string    `json:"username"`
	Email          string    `json:"email"`
	EmailVerified  bool      `json:"email_verified"`
	PasswordHash   string    `json:"-"` // PHC string, see password.go
	State          State     `json:"state"`
	TrustLevel     int       `json:"trust_level"`
	Organisation   string    `json:"organisation,omitempty"`
	Roles          []string  `json:"roles,omitempty"`
	PostfachHandle string    `json:"postfach_handle"` // random UUID, never the id
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Attribute is one stored fact about an account, with where it came from
// and the trust level it was proven at ("self" = Basisregistrierung).
type Attribute struct {
	Name      string    `json:"name"`
	Value     string    `json:"value"`
	Source    string    `json:"source"` // "self", "eid", "fink", "staff" …
	Level     int       `json:"level"`
	UpdatedAt time.Time `json:"updated_at"`
}

// SourceSelf marks data the user typed in (self-declared).
const SourceSelf = "self"

// NeedsSecondFactor: staff accounts must always pass a second factor.
func (a *Account) NeedsSecondFactor() bool { return a.Kind == Staff }

// MayUseClient reports whether a may log in to a client; staffClient is
// the client's staff mark. Staff only to staff clients, citizens never.
func (a *Account) MayUseClient(staffClient bool) bool { return (a.Kind == Staff) == staffClient }

// HasRole reports whether a staff account holds role.
func (a *Account) HasRole(role string) bool { return slices.Contains(a.Roles, role) }

// settle moves a pending account to active once it can log in: it has a
// password and a confirmed e-mail. It never touches a disabled account.
func (a *Account) settle() {
	if a.State == Pending && a.PasswordHash != "" && a.EmailVerified {
		a.State = Active
	}
}
