package postfach_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
	"mvnk/postfach"
	"mvnk/store"
)

// An erneute Bekanntgabe (OZG § 9 Abs. 1 S. 7) counts the third day anew
// from the renewal, notifies again, and is refused once the Bekanntgabe
// has taken effect or for anything but an OZG § 9 Bescheid.
func TestRenewCountsAnew(t *testing.T) {
	runFull(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		f.st.Notices = true
		id := create(t, f, sample(postfach.Bescheid)) // Monday 2 March 2026, 11:00 Berlin
		f.now = f.now.Add(26 * time.Hour)             // Tuesday
		m, err := f.st.Renew(ctx, "bauamt-app", id)
		require.NoError(t, err)
		require.NotNil(t, m.RenewedAt)
		require.Nil(t, m.NotifiedAt, "the notice of the renewal is due")
		want := time.Date(2026, 3, 6, 0, 0, 0, 0, postfach.Berlin())
		require.Equal(t, want, m.Delivery().DeemedNotifiedAt(postfach.Berlin()).In(postfach.Berlin()),
			"the third day after the renewal, not after the first provision")
		require.Equal(t, 2, count(t, f, `SELECT COUNT(*) FROM jobs WHERE kind = $1 AND payload = $2`, postfach.JobNotify, id))
		require.Contains(t, auditTypes(t, f), postfach.EventRenewed)

		f.now = want.Add(time.Hour)
		_, err = f.st.Renew(ctx, "bauamt-app", id)
		require.ErrorIs(t, err, postfach.ErrBekanntgabeFinal)

		_, err = f.st.Renew(ctx, "bauamt-app", create(t, f, sample(postfach.Nachricht)))
		require.ErrorIs(t, err, postfach.ErrNotRenewable)
		_, err = f.st.Renew(ctx, "other-app", id)
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}

// A retrieval before the renewal stays decisive: the Bescheid counts as
// bekannt gegeben on the day of that first retrieval.
func TestRenewAfterRetrievalKeepsRetrievalDay(t *testing.T) {
	runFull(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		id := create(t, f, sample(postfach.Bescheid))
		f.now = f.now.Add(time.Hour)
		_, _, err := f.st.MarkRetrieved(ctx, mailbox.AccountID, id, trust.Basis)
		require.NoError(t, err)
		f.now = f.now.Add(24 * time.Hour)
		m, err := f.st.Renew(ctx, "bauamt-app", id)
		require.NoError(t, err)
		require.Equal(t, time.Date(2026, 3, 2, 0, 0, 0, 0, postfach.Berlin()),
			m.Delivery().DeemedNotifiedAt(postfach.Berlin()).In(postfach.Berlin()))

		events, err := f.svc.Sweep(ctx, f.now)
		require.NoError(t, err)
		require.Len(t, events, 1)
		got, err := f.st.GetForSender(ctx, "bauamt-app", id)
		require.NoError(t, err)
		require.Equal(t, postfach.Bekanntgegeben, got.State)
	})
}
