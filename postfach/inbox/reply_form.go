package inbox

import (
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"mvnk/portal"
	"mvnk/postfach"
)

// maxReplyRequest bounds a reply's body: the attachments' total, the
// text at four bytes a character, and room for the multipart framing.
const maxReplyRequest = postfach.MaxAttachmentTotal + 4*postfach.MaxReplyBody + 1<<20

// fileField is the id and name of the reply form's file input.
const fileField = "anhang"

// errTooLarge: the request is above maxReplyRequest.
var errTooLarge = errors.New("inbox: reply too large")

// replyForm is the reply as sent: the text as typed (line breaks as
// LF) and the files with their SHA-512, as the store checks it.
type replyForm struct {
	Text     string
	Files    []postfach.Attachment
	hadFiles bool // files were chosen, valid or not
	errs     []portal.FieldError
}

// parseReplyForm reads the multipart body under maxReplyRequest. Behind
// portal.Protect the form is already parsed (within the portal's
// MaxUploadBytes); then ParseMultipartForm returns at once and the
// limits below still hold for every file.
func parseReplyForm(w http.ResponseWriter, r *http.Request) (replyForm, error) {
	if r.ContentLength > maxReplyRequest {
		return replyForm{}, errTooLarge
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxReplyRequest)
	err := r.ParseMultipartForm(1 << 20)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return replyForm{}, errTooLarge
	case err != nil && !errors.Is(err, http.ErrNotMultipart):
		return replyForm{}, err
	}
	f := replyForm{Text: strings.ReplaceAll(r.PostFormValue("antwort"), "\r\n", "\n")}
	if r.MultipartForm != nil {
		err = f.readFiles(r.MultipartForm.File[fileField])
	}
	return f, err
}

// readFiles checks count, sizes and types before reading a file, so an
// oversized one is never held in memory.
func (f *replyForm) readFiles(headers []*multipart.FileHeader) error {
	var chosen []*multipart.FileHeader
	var total int64
	for _, fh := range headers {
		if fh.Filename != "" || fh.Size > 0 { // else an empty file input
			chosen, total = append(chosen, fh), total+fh.Size
		}
	}
	f.hadFiles = len(chosen) > 0
	switch {
	case len(chosen) > postfach.MaxAttachments:
		f.errs = append(f.errs, fieldError(fileField, msgTooManyFiles, postfach.MaxAttachments))
		return nil
	case total > postfach.MaxAttachmentTotal:
		f.errs = append(f.errs, fieldError(fileField, msgFilesTooLarge, postfach.MaxAttachmentTotal>>20))
		return nil
	}
	for _, fh := range chosen {
		if err := f.readFile(fh); err != nil {
			return err
		}
	}
	return nil
}

func (f *replyForm) readFile(fh *multipart.FileHeader) error {
	name := path.Base(strings.ReplaceAll(fh.Filename, `\`, "/"))
	mediaType := fileMediaType(fh, name)
	switch {
	case fh.Size > postfach.MaxAttachmentSize:
		f.errs = append(f.errs, fieldError(fileField, msgFileTooLarge, name, postfach.MaxAttachmentSize>>20))
		return nil
	case !slices.Contains(postfach.MediaTypes, mediaType):
		f.errs = append(f.errs, fieldError(fileField, msgFileType, name))
		return nil
	}
	file, err := fh.Open()
	if err != nil {
		return err
	}
	defer file.Close()
	content, err := io.ReadAll(io.LimitReader(file, postfach.MaxAttachmentSize+1))
	if err != nil {
		return err
	}
	sum := sha512.Sum512(content)
	f.Files = append(f.Files, postfach.Attachment{Filename: name, MediaType: mediaType,
		Size: int64(len(content)), SHA512: hex.EncodeToString(sum[:]), Content: content})
	return nil
}

// fileMediaType is the type the browser named, or else the one of the
// file's extension; the store accepts only postfach.MediaTypes.
func fileMediaType(fh *multipart.FileHeader, name string) string {
	t, _, err := mime.ParseMediaType(fh.Header.Get("Content-Type"))
	if err == nil && slices.Contains(postfach.MediaTypes, t) {
		return t
	}
	t, _, _ = mime.ParseMediaType(mime.TypeByExtension(path.Ext(name)))
	return t
}

// Validate checks the text and returns the file problems found while
// reading; one message per problem, text first.
func (f replyForm) Validate() []portal.FieldError {
	var errs []portal.FieldError
	switch n := utf8.RuneCountInString(f.Text); {
	case strings.TrimSpace(f.Text) == "":
		errs = append(errs, fieldError("antwort", msgBodyRequired))
	case n > postfach.MaxReplyBody:
		errs = append(errs, fieldError("antwort", msgBodyTooLong, postfach.MaxReplyBody))
	}
	return append(errs, f.errs...)
}
