package postfach

import (
	"time"

	"mvnk/eid/trust"
)

// Kind is the kind of a message (egov-standards.md §4.5).
type Kind string

const (
	Nachricht            Kind = "Nachricht"
	Bescheid             Kind = "Bescheid"
	Nachforderung        Kind = "Nachforderung"
	Zahlungsaufforderung Kind = "Zahlungsaufforderung"
	Statusmeldung        Kind = "Statusmeldung"
)

// Kinds lists the kinds a sender may use.
var Kinds = []Kind{Nachricht, Bescheid, Nachforderung, Zahlungsaufforderung, Statusmeldung}

// Rule is the Bekanntgabe rule of a Bescheid (egov-standards.md §4.1).
type Rule string

const (
	RuleOZG9       Rule = "ozg9"       // OZG § 9: third day after provision
	RuleVwVfG41_2a Rule = "vwvfg41_2a" // VwVfG § 41 Abs. 2a: day after retrieval
	RuleNone       Rule = "none"       // a plain message: no Bekanntgabe
)

// State is where a message stands. Archiving is a flag, not a state.
type State string

const (
	Bereitgestellt State = "bereitgestellt"  // provided, not yet opened
	Abgerufen      State = "abgerufen"       // opened by the citizen
	Bekanntgegeben State = "bekanntgegeben"  // Bekanntgabe deemed effective
	NichtAbgerufen State = "nicht_abgerufen" // § 41 (2a): provision ended unretrieved
)

// Mailbox names the recipient: the Postfach handle senders know and the
// account it belongs to (never released to senders).
type Mailbox struct {
	Handle    string
	AccountID string
}

// Sender is the OAuth client that delivered and the Behörde it sent as.
type Sender struct {
	ClientID string
	Name     string
}

// Attachment is one file of a message. Content is set on Create and by
// Attachment reads; listings leave it nil.
type Attachment struct {
	ID        string
	Filename  string
	MediaType string
	Size      int64
	SHA512    string // hex, given by the sender and checked
	Content   []byte
}

// Message is one message or Bescheid in a citizen's Postfach.
type Message struct {
	ID               string
	Mailbox          Mailbox
	Kind             Kind
	Subject          string
	Body             string // plain text; empty in listings
	Sender           Sender
	Service          string
	LeikaID          string
	Reference        string // Aktenzeichen
	ApplicationID    string // Vorgang
	RequiredLevel    trust.Level
	ReplyAllowed     bool
	ReplyTo          string
	Rule             Rule
	OptOut           bool // the citizen excluded electronic Bekanntgabe (OZG § 9 S. 2)
	Attachments      []Attachment
	State            State
	ProvidedAt       time.Time
	NotifiedAt       *time.Time
	NotificationAddr string
	FirstRetrievedAt *time.Time
	RetrievedLevel   trust.Level // level of the session that opened it first
	DeemedNotifiedAt *time.Time  // set by Sweep when the Bekanntgabe took effect
	ProvisionEndedAt *time.Time  // set by Sweep when § 41 (2a) provision ended
	ArchivedAt       *time.Time
	// DeletedAt: the citizen deleted it (Store.Delete); only its sender
	// still sees the row, without body, attachments and replies.
	DeletedAt *time.Time
	// RenewedAt: the sender made the Bescheid known again (Store.Renew,
	// OZG § 9 Abs. 1 S. 7).
	RenewedAt *time.Time
}

// Delivery returns the Bekanntgabe facts of m for DeemedNotifiedAt.
func (m *Message) Delivery() Delivery {
	rule := m.Rule
	if m.Kind != Bescheid || m.OptOut {
		rule = RuleNone
	}
	return Delivery{Rule: rule, ProvidedAt: m.ProvidedAt, NotifiedAt: m.NotifiedAt,
		FirstRetrievedAt: m.FirstRetrievedAt, RenewedAt: m.RenewedAt}
}

// Readable tells whether a session at level may open m.
func (m *Message) Readable(level trust.Level) bool { return level >= m.RequiredLevel }

// Deletable tells whether the citizen may delete m at now: a Bescheid
// with a Bekanntgabe rule only once its Bekanntgabe is final (effective,
// or the provision ended), since the citizen's copy is the proof of
// access. The day counts as soon as it has come, and so does the end of a
// § 41 (2a) provision without retrieval, before the hourly sweep has
// marked them.
func (m *Message) Deletable(now time.Time) bool {
	d := m.Delivery()
	if d.Rule == RuleNone || m.State == Bekanntgegeben || m.State == NichtAbgerufen {
		return true
	}
	if at := d.DeemedNotifiedAt(Berlin()); at != nil {
		return !now.Before(*at)
	}
	return d.Rule == RuleVwVfG41_2a && !d.retrievedInTime(Berlin()) && !now.Before(d.ProvisionEndsAt(Berlin()))
}
