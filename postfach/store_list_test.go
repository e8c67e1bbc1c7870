package postfach_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
	"mvnk/postfach"
)

func TestListPaginationAndFilters(t *testing.T) {
	runStore(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		var ids []string
		for i := range 25 {
			m := sample([]postfach.Kind{postfach.Nachricht, postfach.Bescheid}[i%2])
			m.Subject = fmt.Sprintf("Nachricht %02d", i)
			if i == 7 {
				m.Subject, m.Reference = "Ihr 100%_Antrag", "AZ-SONDER"
				m.Sender.Name, m.ApplicationID = "Standesamt", "vorgang-7"
			}
			ids = append(ids, create(t, f, m))
			if i%3 != 0 { // several messages share one instant: the id breaks the tie
				f.now = f.now.Add(time.Second)
			}
		}
		var seen []string
		var cursor *postfach.Cursor
		for {
			page, err := f.st.List(ctx, mailbox.AccountID, postfach.Filter{Limit: 10, After: cursor})
			require.NoError(t, err)
			for _, m := range page.Messages {
				require.Empty(t, m.Body, "listings carry no body")
				seen = append(seen, m.ID)
			}
			if cursor = page.Next; cursor == nil {
				break
			}
		}
		require.ElementsMatch(t, ids, seen)
		require.Len(t, seen, 25, "no message twice")
		require.Equal(t, ids[24], seen[0], "newest first")

		count := func(flt postfach.Filter) int {
			page, err := f.st.List(ctx, mailbox.AccountID, flt)
			require.NoError(t, err)
			return len(page.Messages)
		}
		require.Equal(t, 12, count(postfach.Filter{Kind: postfach.Bescheid, Limit: 100}))
		require.Equal(t, 1, count(postfach.Filter{Sender: "Standesamt"}))
		require.Equal(t, 1, count(postfach.Filter{ApplicationID: "vorgang-7"}))
		require.Equal(t, 1, count(postfach.Filter{Query: "100%_"}), "LIKE wildcards are literal")
		require.Equal(t, 1, count(postfach.Filter{Query: "az-sonder"}), "reference, case-insensitive")
		require.Equal(t, 1, count(postfach.Filter{Query: "standesAMT"}), "sender name")
		require.Equal(t, 0, count(postfach.Filter{Query: "Mustermann"}), "bodies are not searched")
		require.Equal(t, 1, count(postfach.Filter{Query: "_a"}), "_ is literal, not any character")
		require.Equal(t, 20, count(postfach.Filter{}), "default page size")
		other, err := f.st.List(ctx, "other", postfach.Filter{})
		require.NoError(t, err)
		require.Empty(t, other.Messages)
	})
}

func TestUnreadArchive(t *testing.T) {
	runStore(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		a, b := create(t, f, sample(postfach.Nachricht)), create(t, f, sample(postfach.Nachricht))
		n, err := f.st.Unread(ctx, mailbox.AccountID)
		require.NoError(t, err)
		require.Equal(t, 2, n)
		_, _, err = f.st.MarkRetrieved(ctx, mailbox.AccountID, a, 1)
		require.NoError(t, err)
		require.NoError(t, f.st.Archive(ctx, mailbox.AccountID, b, true))
		n, err = f.st.Unread(ctx, mailbox.AccountID)
		require.NoError(t, err)
		require.Equal(t, 0, n)
		archived, err := f.st.List(ctx, mailbox.AccountID, postfach.Filter{Archived: true})
		require.NoError(t, err)
		require.Len(t, archived.Messages, 1)
		require.Equal(t, b, archived.Messages[0].ID)
		require.ErrorIs(t, f.st.Archive(ctx, "other", b, false), postfach.ErrNoMessage)
	})
}

func TestListByApplicationAndTimeline(t *testing.T) {
	runStore(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		id := create(t, f, sample(postfach.Nachforderung))
		list, err := f.st.ListByApplication(ctx, "bauamt-app", "vorgang-1")
		require.NoError(t, err)
		require.Len(t, list, 1)
		require.Equal(t, id, list[0].ID)
		list, err = f.st.ListByApplication(ctx, "other-client", "vorgang-1")
		require.NoError(t, err)
		require.Empty(t, list, "a sender sees only its own messages")

		for _, st := range []postfach.Status{postfach.Submitted, postfach.Processing} {
			require.NoError(t, f.st.AddStatus(ctx, &postfach.StatusUpdate{AccountID: mailbox.AccountID,
				ApplicationID: "vorgang-1", Sender: postfach.Sender{ClientID: "bauamt-app", Name: "Bauamt"}, Status: st}))
			f.now = f.now.Add(time.Minute)
		}
		err = f.st.AddStatus(ctx, &postfach.StatusUpdate{AccountID: mailbox.AccountID, ApplicationID: "vorgang-1", Status: "DONE"})
		require.ErrorIs(t, err, postfach.ErrInvalid)
		tl, err := f.st.Timeline(ctx, mailbox.AccountID, "vorgang-1")
		require.NoError(t, err)
		require.Len(t, tl, 2)
		require.Equal(t, "Antrag abgeschickt", tl[0].Text())
		require.Equal(t, "In Bearbeitung", tl[1].Text())
	})
}

func TestSettings(t *testing.T) {
	runStore(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		st, err := f.st.SettingsByHandle(ctx, mailbox.Handle)
		require.NoError(t, err)
		require.Equal(t, postfach.DefaultSettings, st)
		want := postfach.Settings{NotifyEmail: false, OptOutElectronic: true}
		require.NoError(t, f.st.SaveSettings(ctx, mailbox, want))
		st, err = f.st.Settings(ctx, mailbox.AccountID)
		require.NoError(t, err)
		require.Equal(t, want, st)
		m := sample(postfach.Bescheid)
		got, err := f.st.Get(ctx, mailbox.AccountID, create(t, f, m))
		require.NoError(t, err)
		require.True(t, got.OptOut)
		require.Nil(t, got.Delivery().DeemedNotifiedAt(postfach.Berlin()), "no electronic Bekanntgabe after opt-out")
	})
}

// A search or a Vorgang filter never matches a message above the reader's
// level by its subject, reference or application id (that would reveal
// them); its sender name still matches, as the list shows it anyway.
func TestListSearchRespectsLevel(t *testing.T) {
	runStore(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		m := sample(postfach.Bescheid)
		m.RequiredLevel, m.Subject, m.Reference, m.ApplicationID = trust.Hoch, "Geheimer Betreff", "AZ-GEHEIM-1", "vorgang-geheim"
		_, _, err := f.st.Create(ctx, m, postfach.CreateOptions{})
		require.NoError(t, err)
		for _, flt := range []postfach.Filter{{Query: "Geheimer"}, {Query: "az-geheim"}, {ApplicationID: "vorgang-geheim"}} {
			page, err := f.st.List(ctx, mailbox.AccountID, flt)
			require.NoError(t, err)
			require.Empty(t, page.Messages, "%+v at level 1", flt)
			flt.Level = trust.Hoch
			page, err = f.st.List(ctx, mailbox.AccountID, flt)
			require.NoError(t, err)
			require.Len(t, page.Messages, 1, "%+v at level hoch", flt)
		}
		page, err := f.st.List(ctx, mailbox.AccountID, postfach.Filter{Query: "Bauamt"})
		require.NoError(t, err)
		require.Len(t, page.Messages, 1, "the sender's name is shown anyway")
	})
}
