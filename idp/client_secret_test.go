package idp_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp"
)

func TestGenerateSecretIsRandomAndHashed(t *testing.T) {
	plain, hash := idp.GenerateSecret()
	require.Len(t, plain, 43, "32 bytes in unpadded base64url")
	require.True(t, strings.HasPrefix(hash, "sha256$"))
	require.Len(t, hash, len("sha256$")+64)
	require.NotContains(t, hash, plain)
	other, _ := idp.GenerateSecret()
	require.NotEqual(t, plain, other)
	require.Equal(t, hash, idp.HashSecret(plain))
}

func TestCheckSecret(t *testing.T) {
	plain, hash := idp.GenerateSecret()
	require.True(t, idp.CheckSecret(hash, plain))
	require.False(t, idp.CheckSecret(hash, plain+"x"))
	require.False(t, idp.CheckSecret(hash, ""))
	for _, bad := range []string{"", plain, "sha256$", "sha256$zz", "md5$" + hash[7:], hash[:len(hash)-2]} {
		require.False(t, idp.CheckSecret(bad, plain), "malformed hash %q never matches", bad)
	}
}

// SecretHasher is what fosite's client authentication calls.
func TestSecretHasherForFosite(t *testing.T) {
	ctx := context.Background()
	var h idp.SecretHasher
	hash, err := h.Hash(ctx, []byte("s3cret"))
	require.NoError(t, err)
	require.NoError(t, h.Compare(ctx, hash, []byte("s3cret")))
	require.ErrorIs(t, h.Compare(ctx, hash, []byte("S3cret")), idp.ErrSecretMismatch)
}

// go test -run '^$' -bench CheckSecret ./idp/
func BenchmarkCheckSecret(b *testing.B) {
	plain, hash := idp.GenerateSecret()
	for b.Loop() {
		if !idp.CheckSecret(hash, plain) {
			b.Fatal("secret rejected")
		}
	}
}
