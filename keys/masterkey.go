package keys

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// masterKeySize: AES-256.
const masterKeySize = 32

// masterKeyFile is the dev-mode master key inside the data directory.
const masterKeyFile = "master.key"

// ParseMasterKey decodes MVNK_MASTER_KEY: base64 (standard or URL alphabet,
// padded or not) of exactly 32 random bytes.
func ParseMasterKey(b64 string) ([]byte, error) {
	s := strings.TrimSpace(b64)
	if s == "" {
		return nil, errors.New("master key is empty: set MVNK_MASTER_KEY to base64 of 32 random bytes (openssl rand -base64 32)")
	}
	for _, enc := range []*base64.Encoding{
		base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding,
	} {
		key, err := enc.DecodeString(s)
		if err != nil {
			continue
		}
		if len(key) != masterKeySize {
			return nil, fmt.Errorf("master key decodes to %d bytes, need exactly %d (openssl rand -base64 32)", len(key), masterKeySize)
		}
		return key, nil
	}
	return nil, errors.New("master key is not valid base64 (standard or URL alphabet)")
}

// DevMasterKey reads dataDir/master.key, creating it with a fresh random key
// on first use. Only for dev mode: outside it the key comes from
// MVNK_MASTER_KEY, so it never sits next to the database it protects.
func DevMasterKey(dataDir string) ([]byte, error) {
	path := filepath.Join(dataDir, masterKeyFile)
	key, err := readMasterKeyFile(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("create %s: %w", dataDir, err)
	}
	key = make([]byte, masterKeySize)
	_, _ = rand.Read(key) // crypto/rand.Read never fails (Go ≥ 1.24)
	err = createExclusive(path, base64.StdEncoding.EncodeToString(key)+"\n")
	if errors.Is(err, fs.ErrExist) { // another process won the race: use its key
		return readMasterKeyFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	return key, nil
}

// readMasterKeyFile refuses a file others can read, as ssh does for its
// private keys.
func readMasterKeyFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("%s has mode %#o; it must be readable by its owner only (chmod 600)", path, perm)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	key, err := ParseMasterKey(string(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return key, nil
}

// createExclusive writes a complete file under a temporary name and links it
// into place, so a concurrent reader never sees it half written and an
// existing file is never replaced (link fails with fs.ErrExist).
func createExclusive(path, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".master.key-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // CreateTemp made it 0600
	_, err = tmp.WriteString(content)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Link(tmp.Name(), path)
}
