// Package eid is the eID bridge of the MV-Nutzerkonto: one interface over
// the ways a person proves who they are at a trust level (egov-standards
// §7.4) — the built-in eID simulator for development and tests, a
// TR-03130 eID-Server (tr03130/), and BundID as a SAML broker (bundid/).
// The login step starts an identification with Begin, the browser goes to
// the identification service, and Complete on the callback yields the
// Result: the level proven, the means, the sector-specific subject
// identifiers, and the attributes each with its own level and source.
package eid

import (
	"context"
	"errors"
	"net/http"
	"time"

	"mvnk/eid/trust"
)

// Attr is a canonical attribute name of an identification.
type Attr string

// The attributes (TR-03130 PersonalData, BundID attributes).
const (
	GivenNames      Attr = "given_names"
	FamilyNames     Attr = "family_names"
	BirthName       Attr = "birth_name"
	DateOfBirth     Attr = "date_of_birth" // YYYY-MM-DD (or a partial date as the chip has it)
	PlaceOfBirth    Attr = "place_of_birth"
	Nationality     Attr = "nationality"
	AcademicTitle   Attr = "academic_title"
	ArtisticName    Attr = "artistic_name"
	DocumentType    Attr = "document_type"
	IssuingState    Attr = "issuing_state"
	DateOfExpiry    Attr = "date_of_expiry"
	StreetAddress   Attr = "street_address"
	PostalCode      Attr = "postal_code"
	Locality        Attr = "locality"
	Country         Attr = "country"
	CommunityID     Attr = "community_id"
	ResidencePermit Attr = "residence_permit"
)

// Requirement of an attribute in a request; an attribute not listed is
// prohibited (data minimisation, TR-03130 UseOperations).
type Requirement int

const (
	Allowed  Requirement = iota + 1 // the person may deselect it
	Required                        // without it the identification fails
)

// Means is how the person identified (RFC 8176 amr value in brackets).
type Means string

const (
	MeansEID      Means = "eid"       // Online-Ausweis, eAT, eID-Karte (hoch)
	MeansSmartEID Means = "smart-eid" // eID on the phone (substanziell)
	MeansEIDAS    Means = "eidas"     // a notified EU eID (substanziell or hoch)
	MeansElster   Means = "elster"    // ELSTER certificate via BundID (substanziell)
	MeansPassword Means = "pwd"       // BundID username and password (Basisregistrierung)
)

// Request is what the login step asks of an identification.
type Request struct {
	MinLevel    trust.Level
	Attributes  map[Attr]Requirement
	DisplayName string // who asks, shown to the person
	ReturnURL   string // the callback, where Complete runs
}

// Start is where the browser goes: a redirect, or a form to post (SAML
// HTTP-POST binding). Handle is the server-side state of the
// identification, which the callback names.
type Start struct {
	RedirectURL string
	FormPost    *FormPost
	Handle      string
}

// FormPost is an auto-submitted form (its page needs no script: a button).
type FormPost struct {
	Action string
	Fields map[string]string
}

// Claim is one attribute as proven, with its level and source.
type Claim struct {
	Value  string
	Level  trust.Level
	Source string // "eid", "bundid", "eid-simulator" …
}

// Subject holds the sector-specific identifiers of the person. They are
// never a client's sub (egov-standards §2.4).
type Subject struct {
	RestrictedID string // TR-03130 RestrictedID of the terminal's sector
	BPK2         string // BundID bPK2
	EIDASID      string // eIDAS PersonIdentifier CC/CC/…
	Sector       string // the sector the identifier belongs to
}

// Result is a completed identification.
type Result struct {
	Level        trust.Level
	Means        Means
	Subject      Subject
	Claims       map[Attr]Claim
	Raw          []byte // the signed assertion or SOAP response, for the audit trail
	AuthnInstant time.Time
}

// Bridge is one identification service.
type Bridge interface {
	Name() string
	// MaxLevel is the highest level the service can prove.
	MaxLevel() trust.Level
	Begin(ctx context.Context, r Request) (Start, error)
	// Complete runs on the callback request.
	Complete(ctx context.Context, handle string, cb *http.Request) (*Result, error)
}

// Errors of Complete, each mapped to an OIDC error by the login step.
var (
	// ErrCancelled: the person cancelled (access_denied).
	ErrCancelled = errors.New("eid: identification cancelled by the person")
	// ErrLevelTooLow: the identification proved less than asked
	// (unmet_authentication_requirements).
	ErrLevelTooLow = errors.New("eid: level proven below the level asked for")
	// ErrDenied: the service refused the document or the person
	// (access_denied).
	ErrDenied = errors.New("eid: identification refused")
	// ErrUnknownHandle: no identification with this handle, or it expired.
	ErrUnknownHandle = errors.New("eid: unknown or expired identification")
)
