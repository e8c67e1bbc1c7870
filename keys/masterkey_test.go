package keys_test

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/keys"
)

func TestParseMasterKey(t *testing.T) {
	raw := []byte("0123456789abcdef0123456789abcd\xfb\xff") // 32 bytes; +/ vs -_ differ
	cases := []struct {
		name, in, wantErr string
	}{
		{"std padded", base64.StdEncoding.EncodeToString(raw), ""},
		{"std raw", base64.RawStdEncoding.EncodeToString(raw), ""},
		{"url padded", base64.URLEncoding.EncodeToString(raw), ""},
		{"url raw", base64.RawURLEncoding.EncodeToString(raw), ""},
		{"trailing newline", base64.StdEncoding.EncodeToString(raw) + "\n", ""},
		{"empty", "", "master key is empty"},
		{"blank", "  \n", "master key is empty"},
		{"not base64", "this is no key!", "not valid base64"},
		{"16 bytes", base64.StdEncoding.EncodeToString(raw[:16]), "decodes to 16 bytes, need exactly 32"},
		{"64 bytes", base64.StdEncoding.EncodeToString(append(raw, raw...)), "decodes to 64 bytes"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			key, err := keys.ParseMasterKey(tc.in)
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, raw, key)
		})
	}
}

func TestDevMasterKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	key, err := keys.DevMasterKey(dir)
	require.NoError(t, err)
	require.Len(t, key, 32)

	info, err := os.Stat(filepath.Join(dir, "master.key"))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	dirInfo, err := os.Stat(dir)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o700), dirInfo.Mode().Perm())

	again, err := keys.DevMasterKey(dir)
	require.NoError(t, err)
	require.Equal(t, key, again, "a restart reads the same key")

	other, err := keys.DevMasterKey(t.TempDir())
	require.NoError(t, err)
	require.NotEqual(t, key, other, "each data directory gets its own random key")

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary file left behind")
}

func TestDevMasterKeyRefusesReadableFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "master.key")
	content := base64.StdEncoding.EncodeToString([]byte(strings.Repeat("k", 32)))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	require.NoError(t, os.Chmod(path, 0o644))
	_, err := keys.DevMasterKey(dir)
	require.ErrorContains(t, err, "chmod 600")
}
