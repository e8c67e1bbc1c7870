package bundid

import (
	"strings"
	"testing"
	"time"

	"github.com/crewjam/saml"
	"github.com/stretchr/testify/require"

	"mvnk/eid"
	"mvnk/eid/trust"
	"mvnk/store"
	"mvnk/store/storetest"
)

func TestGoodResponse(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		handle, id := f.begin(trust.Hoch)
		res, err := f.complete(handle, f.response(f.good(id)))
		require.NoError(t, err)
		require.Equal(t, trust.Hoch, res.Level)
		require.Equal(t, eid.MeansEID, res.Means)
		require.Equal(t, "bpk2-erika-4711", res.Subject.BPK2, "the subject is the bPK2, not the transient NameID")
		require.Equal(t, eid.Claim{Value: "Erika", Level: trust.Hoch, Source: "bundid"}, res.Claims[eid.GivenNames])
		require.Equal(t, "Mustermann", res.Claims[eid.FamilyNames].Value, "a stray space after urn:oid: is tolerated")
		require.Equal(t, trust.Substanziell, res.Claims[eid.StreetAddress].Level, "each attribute keeps its own level")
		require.NotContains(t, res.Claims, eid.Attr(""), "unknown attributes (mail) are no claims")
		require.Len(t, res.Claims, 3)
		require.Contains(t, string(res.Raw), "bpk2-erika-4711", "the raw response is kept for the audit trail")
		require.WithinDuration(t, time.Now(), res.AuthnInstant, time.Hour)
	}, Migrations)
}

// TestRefusedResponses: each response is refused, with the error the
// login step maps to the right OIDC error.
func TestRefusedResponses(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		intruder := newKeyPair(t, "intruder")
		cases := []struct {
			name   string
			min    trust.Level
			change func(a *answer)
			want   error
		}{
			{"bad signature: a value changed after signing", trust.Hoch, func(a *answer) {
				a.tamper = func(s string) string { return strings.Replace(s, "Erika", "Eve", 1) }
			}, saml.ErrInvalidSignature},
			{"signed by another key", trust.Hoch, func(a *answer) { a.signer = &intruder }, saml.ErrInvalidSignature},
			{"wrong audience", trust.Hoch, func(a *answer) { a.audience = "https://other-sp.example" }, saml.ErrAudienceMismatch},
			{"expired assertion", trust.Hoch, func(a *answer) { a.until = time.Now().Add(-10 * time.Minute) }, saml.ErrExpired},
			{"answers another request", trust.Hoch, func(a *answer) { a.requestID = "id-forged" }, saml.ErrRequestIDMismatch},
			{"level below the minimum", trust.Hoch, func(a *answer) { a.level = "STORK-QAA-Level-3" }, eid.ErrLevelTooLow},
			{"level not STORK", trust.Basis, func(a *answer) { a.level = "urn:oasis:names:tc:SAML:2.0:ac:classes:Password" }, ErrInvalidResponse},
			{"cancelled by the person", trust.Hoch, func(a *answer) {
				a.status = []string{saml.StatusResponder, saml.StatusAuthnFailed}
			}, eid.ErrCancelled},
			{"refused", trust.Hoch, func(a *answer) {
				a.status = []string{saml.StatusResponder, saml.StatusRequestDenied}
			}, eid.ErrDenied},
			{"no bPK2", trust.Hoch, func(a *answer) { a.attrs = a.attrs[1:] }, ErrInvalidResponse},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				handle, id := f.begin(c.min)
				a := f.good(id)
				c.change(&a)
				_, err := f.complete(handle, f.response(a))
				require.ErrorIs(t, err, c.want)
			})
		}
	}, Migrations)
}

func TestReplayedResponse(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		handle, id := f.begin(trust.Substanziell)
		resp := f.response(f.good(id))
		_, err := f.complete(handle, resp)
		require.NoError(t, err)
		_, err = f.complete(handle, resp)
		require.ErrorIs(t, err, eid.ErrUnknownHandle, "the same response a second time")

		other, _ := f.begin(trust.Substanziell)
		_, err = f.complete(other, resp)
		require.ErrorIs(t, err, saml.ErrRequestIDMismatch, "the response under another request's handle")
	}, Migrations)
}

func TestAssertionIDUsedOnce(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		c := replayCache{ctx: t.Context(), s: NewStore(db)}
		require.NoError(t, c.Consume("_a1", time.Now().Add(time.Minute)))
		require.ErrorIs(t, c.Consume("_a1", time.Now().Add(time.Minute)), saml.ErrAssertionReplayed)
	}, Migrations)
}

// TestTrustLevelOnlyNamespaced: an attribute's level comes only from the
// akdb:TrustLevel in the akdb namespace (egov-standards §1.3); without it
// the attribute is unverified (trust.None).
func TestTrustLevelOnlyNamespaced(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		handle, id := f.begin(trust.Hoch)
		a := f.good(id)
		a.attrs = append(a.attrs[:2],
			attr{"urn:oid:2.5.4.42", "Erika", `TrustLevel="HOCH"`},
			attr{"urn:oid:2.5.4.4", "Mustermann", ""},
			attr{"urn:oid:2.5.4.7", "Köln", `xmlns:x="https://evil.example/ns" x:TrustLevel="HOCH"`},
			attr{"urn:oid:2.5.4.17", "51147", `akdb:TrustLevel="HOCH"`})
		res, err := f.complete(handle, f.response(a))
		require.NoError(t, err)
		require.Equal(t, trust.None, res.Claims[eid.GivenNames].Level, "un-namespaced TrustLevel")
		require.Equal(t, trust.None, res.Claims[eid.FamilyNames].Level, "no TrustLevel")
		require.Equal(t, trust.None, res.Claims[eid.Locality].Level, "TrustLevel in another namespace")
		require.Equal(t, trust.Hoch, res.Claims[eid.PostalCode].Level)
		require.Equal(t, "Erika", res.Claims[eid.GivenNames].Value, "the attribute itself is kept")
	}, Migrations)
}

// TestSignedResponseOnly: BundID may sign the Response rather than the
// assertion; the levels are then read from what the Response's signature
// covers, and a change inside the assertion breaks it.
func TestSignedResponseOnly(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		handle, id := f.begin(trust.Hoch)
		a := f.good(id)
		a.signResponse = true
		res, err := f.complete(handle, f.response(a))
		require.NoError(t, err)
		require.Equal(t, "bpk2-erika-4711", res.Subject.BPK2)
		require.Equal(t, trust.Hoch, res.Claims[eid.GivenNames].Level)

		handle, id = f.begin(trust.Hoch)
		a = f.good(id)
		a.signResponse = true
		a.tamper = func(s string) string { return strings.Replace(s, `TrustLevel="SUBSTANTIELL"`, `TrustLevel="HOCH"`, 1) }
		_, err = f.complete(handle, f.response(a))
		require.ErrorIs(t, err, saml.ErrInvalidSignature)
	}, Migrations)
}
