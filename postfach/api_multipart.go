package postfach

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
)

// readMultipart reads multipart/form-data (RFC 7578): one part named
// "message" with the JSON of sendRequest (its attachments optional), and
// one part named "attachment" per file, its filename from
// Content-Disposition, its media type from Content-Type and its SHA-512
// in Content-Digest (RFC 9530 §2: sha-512=:<base64>:).
func readMultipart(r *http.Request, req *sendRequest) error {
	mr, err := r.MultipartReader()
	if err != nil {
		return &apiRequestError{probMalformed, "Der multipart-Inhalt hat keine gültige boundary."}
	}
	var files []sendAttachment
	seen := false
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return apiDecodeError(err)
		}
		if seen, files, err = readPart(part, req, seen, files); err != nil {
			return err
		}
	}
	if !seen {
		return &apiRequestError{probMalformed, `Der Teil "message" fehlt.`}
	}
	req.Attachments = append(req.Attachments, files...)
	return nil
}

func readPart(part *multipart.Part, req *sendRequest, seen bool, files []sendAttachment) (bool, []sendAttachment, error) {
	defer part.Close()
	switch part.FormName() {
	case "message":
		if seen {
			return seen, files, &apiRequestError{probMalformed, `Der Teil "message" kommt mehrfach vor.`}
		}
		return true, files, decodeAPIJSON(part, req)
	case "attachment":
		a, err := readFilePart(part)
		return seen, append(files, a), err
	}
	return seen, files, &apiRequestError{probMalformed, "Unbekannter Teil " + part.FormName() + "."}
}

// readFilePart reads at most one byte more than MaxAttachmentSize, so
// Validate reports a too large file without the API holding all of it.
func readFilePart(part *multipart.Part) (sendAttachment, error) {
	a := sendAttachment{Filename: part.FileName(), SHA512: partDigest(part.Header.Get("Content-Digest"))}
	a.MediaType, _, _ = mime.ParseMediaType(part.Header.Get("Content-Type"))
	content, err := io.ReadAll(io.LimitReader(part, MaxAttachmentSize+1))
	if err != nil {
		return a, apiDecodeError(err)
	}
	a.Content = content
	_, err = io.Copy(io.Discard, part) // the rest of a too large file
	if err != nil {
		return a, apiDecodeError(err)
	}
	return a, nil
}

// partDigest turns "sha-512=:<base64>:" into hex; anything else is ""
// and fails the hash check.
func partDigest(header string) string {
	for _, item := range strings.Split(header, ",") {
		alg, val, ok := strings.Cut(strings.TrimSpace(item), "=")
		if !ok || !strings.EqualFold(alg, "sha-512") {
			continue
		}
		raw, err := base64.StdEncoding.DecodeString(strings.Trim(val, ":"))
		if err == nil {
			return hex.EncodeToString(raw)
		}
	}
	return ""
}
