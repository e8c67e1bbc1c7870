package idp_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp"
	"mvnk/store"
)

// PostfachSenders is the registered list, else the owner, else none.
func TestClientPostfachSendersFallBackToOwner(t *testing.T) {
	runStore(t, func(t *testing.T, s *idp.SQLClientStore) {
		ctx := context.Background()
		c := webClient()
		c.PostfachSenders = []string{"Landkreis Rostock", "Stadt Wismar"}
		require.NoError(t, s.CreateClient(ctx, c))
		got, err := s.PostfachSenders(ctx, c.ID)
		require.NoError(t, err)
		require.Equal(t, []string{"Landkreis Rostock", "Stadt Wismar"}, got)

		require.NoError(t, s.UpdateClient(ctx, c.ID, func(c *idp.Client) error { c.PostfachSenders = nil; return nil }))
		got, err = s.PostfachSenders(ctx, c.ID)
		require.NoError(t, err)
		require.Equal(t, []string{"Ministerium für Inneres"}, got, "no list: the owner")

		require.NoError(t, s.UpdateClient(ctx, c.ID, func(c *idp.Client) error { c.Owner = ""; return nil }))
		got, err = s.PostfachSenders(ctx, c.ID)
		require.NoError(t, err)
		require.Empty(t, got, "no list, no owner: no sender")

		_, err = s.PostfachSenders(ctx, "nope")
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}

// Sender names are what a citizen reads in the Postfach: 1–200
// characters, no control or format characters, no blank edges, no
// duplicates, at most 50; each fault names its field.
func TestClientPostfachSendersValidation(t *testing.T) {
	fifty := make([]string, 50)
	for i := range fifty {
		fifty[i] = fmt.Sprintf("Amt %d", i)
	}
	long := strings.Repeat("ä", 200)
	for _, tc := range []struct {
		names []string
		field string // "" for valid
	}{
		{[]string{"Landkreis Vorpommern-Greifswald", long}, ""},
		{fifty, ""},
		{append(fifty, "Amt 50"), "postfach_senders"},
		{[]string{""}, "postfach_senders[0]"},
		{[]string{"Amt", "   "}, "postfach_senders[1]"},
		{[]string{long + "x"}, "postfach_senders[0]"},
		{[]string{"Landkreis\nRostock"}, "postfach_senders[0]"},
		{[]string{"Amt\x00"}, "postfach_senders[0]"},
		{[]string{"Stadt \u202eKcotsoR"}, "postfach_senders[0]"}, // bidi override
		{[]string{"Amt\u200b"}, "postfach_senders[0]"},           // zero-width space
		{[]string{" Landkreis Rostock"}, "postfach_senders[0]"},
		{[]string{"Amt", "Amt"}, "postfach_senders[1]"},
		{[]string{"\xff"}, "postfach_senders[0]"},
	} {
		c := webClient()
		c.PostfachSenders = tc.names
		err := c.Validate()
		if tc.field == "" {
			require.NoError(t, err, "%q", tc.names)
			continue
		}
		var ve *idp.ValidationError
		require.ErrorAs(t, err, &ve, "%q", tc.names)
		require.Len(t, ve.Fields, 1, "%q: %v", tc.names, ve.Fields)
		require.Equal(t, tc.field, ve.Fields[0].Field, "%q", tc.names)
		require.NotEmpty(t, ve.Fields[0].Detail)
	}
}
