// Package trust is the Vertrauensniveau: the ordered trust levels of a
// login or of an attribute (egov-standards §1.1), and their names in every
// vocabulary German e-government uses on the wire.
package trust

import (
	"fmt"
	"strings"
)

// Level is a trust level. The zero value is None (a guest).
type Level int

// The levels, ordered (eIDAS Regulation 910/2014 Art. 8; TR-03107-1).
const (
	None         Level = 0 // no identification (guest)
	Basis        Level = 1 // Basisregistrierung; STORK-QAA-Level-1; eIDAS low
	Normal       Level = 2 // legacy "normal"; not produced by BundID
	Substanziell Level = 3 // STORK-QAA-Level-3; eIDAS substantial
	Hoch         Level = 4 // STORK-QAA-Level-4; eIDAS high
	maxLevel           = Hoch
)

// Vocabulary is a family of names for the levels.
type Vocabulary int

const (
	STORK Vocabulary = iota // STORK-QAA-Level-n (BundID AuthnContextClassRef)
	EIDAS                   // http://eidas.europa.eu/LoA/low|substantial|high
	BSI                     // http://bsi.bund.de/eID/LoA/normal|substantiell|hoch (TR-03130)
	AKDB                    // akdb:TrustLevel UNTERGEORDNET|NORMAL|SUBSTANTIELL|HOCH
)

// names per vocabulary; "" where a vocabulary has no name for a level.
var names = map[Vocabulary][5]string{
	STORK: {"STORK-QAA-Level-0", "STORK-QAA-Level-1", "STORK-QAA-Level-2", "STORK-QAA-Level-3", "STORK-QAA-Level-4"},
	EIDAS: {"", "http://eidas.europa.eu/LoA/low", "", "http://eidas.europa.eu/LoA/substantial", "http://eidas.europa.eu/LoA/high"},
	BSI:   {"", "http://bsi.bund.de/eID/LoA/normal", "", "http://bsi.bund.de/eID/LoA/substantiell", "http://bsi.bund.de/eID/LoA/hoch"},
	AKDB:  {"", "UNTERGEORDNET", "NORMAL", "SUBSTANTIELL", "HOCH"},
}

// Name is the level in vocabulary v. A level the vocabulary has no name
// for takes the name of the next lower level it has (eIDAS has no
// "normal": it is "low"), so a name never claims more than was proven.
func (l Level) Name(v Vocabulary) string {
	row := names[v]
	for x := min(max(l, None), maxLevel); x >= None; x-- {
		if row[x] != "" {
			return row[x]
		}
	}
	return ""
}

// String is the STORK name.
func (l Level) String() string { return l.Name(STORK) }

// German is the level as the pages name it.
func (l Level) German() string {
	switch {
	case l >= Hoch:
		return "hoch"
	case l >= Substanziell:
		return "substanziell"
	case l >= Basis:
		return "Basisregistrierung"
	}
	return "keines"
}

// Parse reads a level in any vocabulary (case-insensitive for the akdb
// names and the URIs' host; a stray space after "urn:oid:" style prefixes
// does not occur here). It returns the vocabulary the name came in.
func Parse(s string) (Level, Vocabulary, bool) {
	s = strings.TrimSpace(s)
	for _, v := range []Vocabulary{STORK, EIDAS, BSI, AKDB} {
		for l, name := range names[v] {
			if name != "" && strings.EqualFold(name, s) {
				return Level(l), v, true
			}
		}
	}
	return None, STORK, false
}

// MustParse is Parse for names known at compile time.
func MustParse(s string) Level {
	l, _, ok := Parse(s)
	if !ok {
		panic(fmt.Sprintf("trust: unknown level %q", s))
	}
	return l
}

// Supported are the acr values the provider advertises
// (acr_values_supported): the STORK and eIDAS families (egov-standards
// §1.4), for clients of BundID-style and of EU-style integrations.
func Supported() []string {
	var out []string
	for _, l := range []Level{Basis, Substanziell, Hoch} {
		out = append(out, l.Name(STORK))
	}
	for _, l := range []Level{Basis, Substanziell, Hoch} {
		out = append(out, l.Name(EIDAS))
	}
	return out
}
