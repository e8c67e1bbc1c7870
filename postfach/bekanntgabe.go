package postfach

import (
	"sync"
	"time"
	_ "time/tzdata" // the rules need Europe/Berlin on hosts without zoneinfo
)

// Delivery holds the facts the Bekanntgabe of a Bescheid depends on
// (egov-standards.md §4.1).
type Delivery struct {
	Rule             Rule
	ProvidedAt       time.Time  // Bereitstellung zum Abruf
	NotifiedAt       *time.Time // the e-mail notice of the provision
	FirstRetrievedAt *time.Time
	// RenewedAt is an erneute Bekanntgabe of the same Bescheid (OZG § 9
	// S. 7). The store does not offer re-provision yet; a sender delivers
	// a new message instead, so it is nil for stored messages.
	RenewedAt *time.Time
}

// RetrievalDays: VwVfG § 41 Abs. 2a S. 4 — not retrieved "innerhalb von
// zehn Tagen nach Absendung einer Benachrichtigung", the provision ends.
const RetrievalDays = 10

// Berlin is the zone whose calendar days the rules count.
func Berlin() *time.Location { return berlin() }

// berlin loads the zone once: LoadLocation parses the zone file on every
// call, and every date on an inbox page is shown in it.
var berlin = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic("postfach: time zone Europe/Berlin missing: " + err.Error()) // embedded by time/tzdata
	}
	return loc
})

// dayStart returns 00:00 of t's calendar day in loc plus days. time.Date
// normalises across DST changes, so a day is a calendar day, not 24 h.
func dayStart(t time.Time, loc *time.Location, days int) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d+days, 0, 0, 0, 0, loc)
}

// DeemedNotifiedAt returns the start (00:00 in loc) of the day on which the
// Bescheid counts as bekannt gegeben, or nil when that is not determined
// (yet): no rule, not retrieved under § 41 (2a), or retrieved too late.
func (d Delivery) DeemedNotifiedAt(loc *time.Location) *time.Time {
	var t time.Time
	switch d.Rule {
	case RuleOZG9:
		t = d.ozg9(loc)
	case RuleVwVfG41_2a:
		if !d.retrievedInTime(loc) {
			return nil
		}
		// § 41 Abs. 2a S. 3: "am Tag nach dem Abruf".
		t = dayStart(*d.FirstRetrievedAt, loc, 1)
	default:
		return nil
	}
	return &t
}

// ozg9 applies OZG § 9 Abs. 1. S. 4: "am dritten Tag nach der
// Bereitstellung zum Abruf" — an earlier retrieval does not move that day
// (as with the three-day fiction of § 41 Abs. 2 VwVfG, the fiction is
// fixed by provision, not by actual access). S. 7: "Erfolgt der Abruf vor
// einer erneuten Bekanntgabe des Verwaltungsaktes, bleibt der Tag des
// ersten Abrufs für den Zugang maßgeblich" — only when the Bescheid is made
// known again: then a retrieval before that renewal keeps the first
// retrieval's day decisive, otherwise the renewal's third day counts.
func (d Delivery) ozg9(loc *time.Location) time.Time {
	if d.RenewedAt == nil {
		return dayStart(d.ProvidedAt, loc, 3)
	}
	if d.FirstRetrievedAt != nil && d.FirstRetrievedAt.Before(*d.RenewedAt) {
		return dayStart(*d.FirstRetrievedAt, loc, 0)
	}
	return dayStart(*d.RenewedAt, loc, 3)
}

// retrievalTooLate tells whether an opening at t comes after a § 41 (2a)
// provision ended: it is no retrieval under S. 3–4.
func (d Delivery) retrievalTooLate(t time.Time, loc *time.Location) bool {
	return d.Rule == RuleVwVfG41_2a && !t.Before(d.ProvisionEndsAt(loc))
}

// retrievedInTime is the first retrieval if it counts under § 41 (2a).
func (d Delivery) retrievedInTime(loc *time.Location) bool {
	return d.FirstRetrievedAt != nil && !d.retrievalTooLate(*d.FirstRetrievedAt, loc)
}

// ProvisionEndsAt is when a § 41 (2a) provision ends unretrieved: after
// the tenth calendar day following the notice (00:00 of the eleventh).
// Without a recorded notice it counts from the provision: OZG § 9 S. 6 and
// our e-mail job send the notice on the day of provision.
func (d Delivery) ProvisionEndsAt(loc *time.Location) time.Time {
	from := d.ProvidedAt
	if d.NotifiedAt != nil {
		from = *d.NotifiedAt
	}
	return dayStart(from, loc, RetrievalDays+1)
}
