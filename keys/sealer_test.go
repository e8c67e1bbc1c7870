package keys_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/keys"
)

func TestSealerRoundTripAndBinding(t *testing.T) {
	s, err := keys.NewSealer(masterKey(1))
	require.NoError(t, err)
	sealed, err := s.Seal([]byte("geheim"), "konto-1")
	require.NoError(t, err)
	require.NotContains(t, sealed, "geheim")
	require.False(t, strings.ContainsAny(sealed, "+/="), "base64url without padding")

	plain, err := s.Open(sealed, "konto-1")
	require.NoError(t, err)
	require.Equal(t, "geheim", string(plain))

	again, err := s.Seal([]byte("geheim"), "konto-1")
	require.NoError(t, err)
	require.NotEqual(t, sealed, again, "a fresh nonce every time")

	_, err = s.Open(sealed, "konto-2")
	require.ErrorIs(t, err, keys.ErrUndecryptable, "bound to its account")
	other, err := keys.NewSealer(masterKey(2))
	require.NoError(t, err)
	_, err = other.Open(sealed, "konto-1")
	require.ErrorIs(t, err, keys.ErrUndecryptable, "another master key")
	_, err = s.Open("kein base64!", "konto-1")
	require.Error(t, err)
}

func TestSealerNeedsAESKey(t *testing.T) {
	_, err := keys.NewSealer(make([]byte, 16))
	require.ErrorContains(t, err, "need 32")
}
