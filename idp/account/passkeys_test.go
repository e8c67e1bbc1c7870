package account_test

import (
	"context"
	"crypto/rand"
	"strings"
	"testing"
	"time"

	"github.com/go-webauthn/webauthn/webauthn"
	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
	"mvnk/store"
	"mvnk/store/storetest"
)

// newCredential is a credential as go-webauthn returns it after a
// registration; only the fields the store keeps matter here.
func newCredential(backupEligible bool) *webauthn.Credential {
	id, pk := make([]byte, 16), make([]byte, 77)
	_, _ = rand.Read(id)
	_, _ = rand.Read(pk)
	return &webauthn.Credential{ID: id, PublicKey: pk, AttestationType: "none", AttestationFormat: "none",
		Flags:         webauthn.CredentialFlags{UserPresent: true, UserVerified: true, BackupEligible: backupEligible},
		Authenticator: webauthn.Authenticator{AAGUID: make([]byte, 16)}}
}

func TestPasskeyUserHandle(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx, f := context.Background(), newFixture(db, account.DefaultThrottle)
		anna, ben := f.citizen(t, "anna", goodPassword), f.citizen(t, "ben", goodPassword)
		h1, err := f.st.WebAuthnUserHandle(ctx, anna.ID)
		require.NoError(t, err)
		require.Len(t, h1, 32)
		require.NotContains(t, string(h1), anna.ID)
		again, err := f.st.WebAuthnUserHandle(ctx, anna.ID)
		require.NoError(t, err)
		require.Equal(t, h1, again, "created once")
		h2, err := f.st.WebAuthnUserHandle(ctx, ben.ID)
		require.NoError(t, err)
		require.NotEqual(t, h1, h2)

		id, err := f.st.AccountByUserHandle(ctx, h2)
		require.NoError(t, err)
		require.Equal(t, ben.ID, id)
		_, err = f.st.AccountByUserHandle(ctx, []byte("unbekannt"))
		require.ErrorIs(t, err, account.ErrNoAccount)
		_, err = f.st.WebAuthnUserHandle(ctx, "kein-konto")
		require.ErrorIs(t, err, account.ErrNoAccount)
	}, account.Migrations)
}

func TestPasskeyAddListRenameRemove(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx, f := context.Background(), newFixture(db, account.DefaultThrottle)
		anna, ben := f.citizen(t, "anna", goodPassword), f.citizen(t, "ben", goodPassword)
		c1, c2 := newCredential(true), newCredential(false)
		p1, err := f.st.AddPasskey(ctx, anna.ID, "  Laptop  ", c1)
		require.NoError(t, err)
		require.Equal(t, "Laptop", p1.Name)
		f.clock.Add(time.Minute)
		_, err = f.st.AddPasskey(ctx, anna.ID, "Sicherheitsschlüssel", c2)
		require.NoError(t, err)
		_, err = f.st.AddPasskey(ctx, ben.ID, "Geklaut", c1)
		require.ErrorIs(t, err, account.ErrPasskeyExists)

		list, err := f.st.Passkeys(ctx, anna.ID)
		require.NoError(t, err)
		require.Len(t, list, 2)
		require.Equal(t, p1, list[0])
		require.Equal(t, *c1, list[0].Credential)
		require.Equal(t, time.UTC, list[0].CreatedAt.Location())
		require.True(t, list[0].LastUsedAt.IsZero())
		require.Equal(t, "Sicherheitsschlüssel", list[1].Name)
		require.False(t, list[1].Credential.Flags.BackupEligible)

		got, err := f.st.PasskeyByID(ctx, c2.ID)
		require.NoError(t, err)
		require.Equal(t, list[1], got)
		_, err = f.st.PasskeyByID(ctx, []byte("fehlt"))
		require.ErrorIs(t, err, account.ErrNoPasskey)

		require.ErrorIs(t, f.st.RenamePasskey(ctx, ben.ID, p1.ID, "Meins"), account.ErrNoPasskey, "not ben's")
		require.NoError(t, f.st.RenamePasskey(ctx, anna.ID, p1.ID, "Arbeitslaptop"))
		require.ErrorIs(t, f.st.RemovePasskey(ctx, ben.ID, p1.ID), account.ErrNoPasskey)
		require.NoError(t, f.st.RemovePasskey(ctx, anna.ID, list[1].ID))
		require.ErrorIs(t, f.st.RemovePasskey(ctx, anna.ID, list[1].ID), account.ErrNoPasskey)

		list, err = f.st.Passkeys(ctx, anna.ID)
		require.NoError(t, err)
		require.Len(t, list, 1)
		require.Equal(t, "Arbeitslaptop", list[0].Name)
		factors, err := f.st.Factors(ctx, anna.ID)
		require.NoError(t, err)
		require.Equal(t, 1, factors.Passkeys)
		require.True(t, factors.Any())
	}, account.Migrations)
}

func TestPasskeyNames(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"Handy", true},
		{strings.Repeat("ä", account.MaxPasskeyNameLen), true},
		{strings.Repeat("a", account.MaxPasskeyNameLen+1), false},
		{"   ", false},
		{"", false},
		{"Zeile\nzwei", false},
		{"kaputt\xff", false},
	} {
		_, err := account.CheckPasskeyName(tc.name)
		require.Equal(t, tc.ok, err == nil, "%q: %v", tc.name, err)
	}
}

func TestPasskeyLimit(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx, f := context.Background(), newFixture(db, account.DefaultThrottle)
		anna := f.citizen(t, "anna", goodPassword)
		for i := range account.MaxPasskeys {
			_, err := f.st.AddPasskey(ctx, anna.ID, "Schlüssel", newCredential(true))
			require.NoError(t, err, "passkey %d", i+1)
		}
		_, err := f.st.AddPasskey(ctx, anna.ID, "Einer zu viel", newCredential(true))
		require.ErrorIs(t, err, account.ErrTooManyPasskeys)
		_, err = f.st.AddPasskey(ctx, anna.ID, "", newCredential(true))
		require.ErrorIs(t, err, account.ErrPasskeyName)
		_, err = f.st.AddPasskey(ctx, "kein-konto", "Laptop", newCredential(true))
		require.ErrorIs(t, err, account.ErrNoAccount)
	}, account.Migrations)
}
