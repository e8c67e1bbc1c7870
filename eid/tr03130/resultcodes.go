package tr03130

import (
	"errors"
	"fmt"
	"strings"

	"mvnk/eid"
)

// Result codes (TR-03130 §3.4.1, egov-standards §7.2).
const (
	majorOK         = "http://www.bsi.bund.de/ecard/api/1.1/resultmajor#ok"
	minorPrefix     = "http://www.bsi.bund.de/eid/server/2.0/resultminor/"
	minorNoResult   = minorPrefix + "getResult#noResultYet"
	minorDenied     = minorPrefix + "getResult#deniedDocument"
	minorInvalidDoc = minorPrefix + "getResult#invalidDocument"
	// cancellationByUser is the eCard-API minor (TR-03112 SAL) the
	// AusweisApp reports when the person cancels; servers pass it on.
	cancellationByUser = "cancellationByUser"
)

// ErrServer wraps every error result of the eID-Server that is neither a
// refusal nor a cancellation (invalidSession, invalidCounter, …).
var ErrServer = errors.New("tr03130: eID-Server error")

// check maps a dss:Result to nil (ok) or an error; op names the call.
func check(op string, r *result) error {
	switch {
	case r == nil:
		return fmt.Errorf("%w: %s: response without Result", ErrServer, op)
	case r.Major == majorOK:
		return nil
	case r.Minor == minorDenied || r.Minor == minorInvalidDoc:
		return fmt.Errorf("%w: %s", eid.ErrDenied, shortMinor(r.Minor))
	case strings.HasSuffix(r.Minor, cancellationByUser):
		return eid.ErrCancelled
	}
	return fmt.Errorf("%w: %s: %s %s", ErrServer, op, shortMinor(r.Minor), r.Message)
}

// noResultYet: the card has not been read yet; ask again (§3.2.2.1).
func noResultYet(r *result) bool { return r != nil && r.Minor == minorNoResult }

func shortMinor(m string) string { return strings.TrimPrefix(m, minorPrefix) }
