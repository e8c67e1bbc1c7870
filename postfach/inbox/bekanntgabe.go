package inbox

import (
	"time"

	"mvnk/postfach"
)

// bekanntgabe is what the page says about a Bescheid's Bekanntgabe.
type bekanntgabe struct {
	Rule    postfach.Rule // RuleNone when the citizen opted out
	OptOut  bool          // electronic Bekanntgabe excluded (OZG § 9 S. 2)
	Day     *time.Time    // the day it is (or will be) deemed notified
	Future  bool          // Day is still ahead
	EndedAt *time.Time    // § 41 (2a): provision ended unretrieved
}

// newBekanntgabe is nil for anything but a Bescheid. The day comes from
// the sweep once it ran, else from the rule (postfach/bekanntgabe.go).
func newBekanntgabe(m *postfach.Message, now time.Time) *bekanntgabe {
	if m.Kind != postfach.Bescheid {
		return nil
	}
	d := m.Delivery()
	b := &bekanntgabe{Rule: d.Rule, OptOut: m.OptOut, Day: m.DeemedNotifiedAt, EndedAt: m.ProvisionEndedAt}
	if b.Day == nil {
		b.Day = d.DeemedNotifiedAt(postfach.Berlin())
	}
	if b.Day != nil {
		b.Future = now.Before(*b.Day)
	}
	return b
}

// IsOZG9 and IsVwVfG tell the template which rule applies.
func (b *bekanntgabe) IsOZG9() bool { return b.Rule == postfach.RuleOZG9 }

// IsVwVfG is § 41 Abs. 2a VwVfG: the day after the first retrieval.
func (b *bekanntgabe) IsVwVfG() bool { return b.Rule == postfach.RuleVwVfG41_2a }
