package portal

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// The KERN-UX files come from npm via assets/refresh.sh; portal.css is
// our own layout glue.
//
//go:embed assets/kern assets/js assets/portal.css assets/favicon.svg
var assetFiles embed.FS

// assets serves the embedded files under /assets/<version>/…, where the
// version is a hash of all of them: a changed file changes every URL, so
// the files can be cached for a year. Relative URLs inside the CSS (the
// fonts) stay below the same version.
type assets struct {
	fsys    fs.FS
	version string
	gzipped map[string][]byte // compressible files, gzipped once at start
}

func loadAssets() (*assets, error) {
	fsys, err := fs.Sub(assetFiles, "assets")
	if err != nil {
		return nil, err
	}
	a := &assets{fsys: fsys, gzipped: map[string][]byte{}}
	sum := sha256.New()
	err = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		_, _ = io.WriteString(sum, name+"\x00")
		_, _ = sum.Write(body)
		if compressible(name) {
			a.gzipped[name] = gzipBytes(body)
		}
		return nil
	})
	a.version = hex.EncodeToString(sum.Sum(nil))[:12]
	return a, err
}

func (a *assets) prefix() string { return "/assets/" + a.version + "/" }

func compressible(name string) bool {
	ext := path.Ext(name)
	return ext == ".css" || ext == ".svg"
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return buf.Bytes()
}

// serveAsset answers GET /assets/{version}/{file...}. Only the current
// version is cached for long; an old one (a page from before a deploy)
// still gets the file, but revalidated.
func (p *Portal) serveAsset(w http.ResponseWriter, r *http.Request) {
	a, name := p.assets, r.PathValue("file")
	info, err := fs.Stat(a.fsys, name)
	if !fs.ValidPath(name) || err != nil || info.IsDir() {
		p.NotFound(w, r)
		return
	}
	h := w.Header()
	if r.PathValue("version") == a.version {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	gz, ok := a.gzipped[name]
	if !ok || !acceptsGzip(r) {
		http.ServeFileFS(w, r, a.fsys, name)
		return
	}
	h.Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
	h.Set("Content-Encoding", "gzip")
	h.Add("Vary", "Accept-Encoding")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(gz))
}

func acceptsGzip(r *http.Request) bool {
	for part := range strings.SplitSeq(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(enc) == "gzip" && strings.TrimSpace(q) != "q=0" {
			return true
		}
	}
	return false
}
