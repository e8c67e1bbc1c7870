package postfach

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"mvnk/store"
)

// FSBlobs keeps contents as files in one directory, each readable only by
// its owner (mode 0600). A write goes to a temporary file that is synced
// and renamed into place, so a crash never leaves a half-written blob
// under a valid id.
type FSBlobs struct{ dir string }

// NewFSBlobs returns the blob store in dir, creating it (mode 0700).
func NewFSBlobs(dir string) (*FSBlobs, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("postfach blobs: %w", err)
	}
	return &FSBlobs{dir: dir}, nil
}

// blobID: ids are store.NewID values; anything else could climb out of dir.
var blobID = regexp.MustCompile(`^[a-z0-9]{1,64}$`)

func (b *FSBlobs) path(id string) (string, error) {
	if !blobID.MatchString(id) {
		return "", fmt.Errorf("postfach blobs: invalid id %q", id)
	}
	return filepath.Join(b.dir, id), nil
}

// Put writes data under id atomically; an existing id is store.ErrConflict.
func (b *FSBlobs) Put(_ context.Context, id string, data []byte) error {
	p, err := b.path(id)
	if err != nil {
		return err
	}
	if _, err := os.Stat(p); err == nil {
		return fmt.Errorf("%w: blob %s exists", store.ErrConflict, id)
	}
	return writeAtomic(b.dir, p, data)
}

func writeAtomic(dir, p string, data []byte) error {
	f, err := os.CreateTemp(dir, ".tmp-*") // CreateTemp uses mode 0600
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // no-op after the rename
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(f.Name(), p)
}

// Get reads the content stored under id.
func (b *FSBlobs) Get(_ context.Context, id string) ([]byte, error) {
	p, err := b.path(id)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: blob %s", store.ErrNotFound, id)
	}
	return data, err
}

// Delete removes id; a missing id is no error.
func (b *FSBlobs) Delete(_ context.Context, id string) error {
	p, err := b.path(id)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// List returns the ids of blobs whose file was last written before
// olderThan. Temporary files of an interrupted Put are not blobs.
func (b *FSBlobs) List(_ context.Context, olderThan time.Time) ([]string, error) {
	entries, err := os.ReadDir(b.dir)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range entries {
		if !e.Type().IsRegular() || !blobID.MatchString(e.Name()) {
			continue
		}
		info, err := e.Info()
		if errors.Is(err, fs.ErrNotExist) {
			continue // deleted meanwhile
		}
		if err != nil {
			return nil, err
		}
		if info.ModTime().Before(olderThan) {
			ids = append(ids, e.Name())
		}
	}
	return ids, nil
}
