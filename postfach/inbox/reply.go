package inbox

import (
	"errors"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"mvnk/portal"
	"mvnk/postfach"
	"mvnk/store/ratelimit"
)

type replyPage struct {
	basePage
	ID, Subject, Sender string
	Text                string // as typed, kept on errors
	NotAllowed          bool   // the sender accepts no replies
	Reselect            bool   // files were sent but must be chosen again
	MaxBody, MaxFiles   int
	MaxFileMB, MaxAllMB int
	Accept              string // the file input's accept list
}

func newReplyPage(m *postfach.Message) *replyPage {
	return &replyPage{ID: m.ID, Subject: m.Subject, Sender: m.Sender.Name,
		NotAllowed: !m.ReplyAllowed, MaxBody: postfach.MaxReplyBody, MaxFiles: postfach.MaxAttachments,
		MaxFileMB: postfach.MaxAttachmentSize >> 20, MaxAllMB: postfach.MaxAttachmentTotal >> 20,
		Accept: ".pdf,.png,.jpg,.jpeg,.xml,.txt,.csv," + strings.Join(postfach.MediaTypes, ",")}
}

// replyable loads the message for the reply form; on false it has
// answered: the placeholder below the level, the 404 page, or the
// refusal when the sender accepts no replies.
func (ib *Inbox) replyable(w http.ResponseWriter, r *http.Request, rd Reader) (*postfach.Message, bool) {
	m, err := ib.Store.Get(r.Context(), rd.AccountID, r.PathValue("id"))
	switch {
	case err != nil:
		ib.fail(w, r, err)
	case !m.Readable(rd.Level):
		ib.locked(w, r, m, http.StatusForbidden)
	case !m.ReplyAllowed:
		ib.Portal.Render(w, r, http.StatusForbidden, "postfach-antworten", newReplyPage(m))
	default:
		return m, true
	}
	return nil, false
}

func (ib *Inbox) showReply(w http.ResponseWriter, r *http.Request, rd Reader) {
	if m, ok := ib.replyable(w, r, rd); ok {
		ib.Portal.Render(w, r, http.StatusOK, "postfach-antworten", newReplyPage(m))
	}
}

// sendReply stores the reply with its files; on errors the form shows
// again with the text as typed.
func (ib *Inbox) sendReply(w http.ResponseWriter, r *http.Request, rd Reader) {
	m, ok := ib.replyable(w, r, rd)
	if !ok {
		return
	}
	form, err := parseReplyForm(w, r)
	if errors.Is(err, errTooLarge) {
		ib.replyErrors(w, r, m, form, http.StatusRequestEntityTooLarge,
			[]portal.FieldError{fieldError(fileField, msgFilesTooLarge, postfach.MaxAttachmentTotal>>20)})
		return
	}
	if err != nil {
		ib.fail(w, r, err)
		return
	}
	if errs := form.Validate(); len(errs) > 0 {
		ib.replyErrors(w, r, m, form, http.StatusUnprocessableEntity, errs)
		return
	}
	if ib.limited(w, r, rd, m, form) {
		return
	}
	_, err = ib.Store.CreateReply(r.Context(), rd.AccountID, m.ID, rd.Level, strings.TrimSpace(form.Text), form.Files)
	if errs := storeReplyErrors(err, form.Files); errs != nil {
		ib.replyErrors(w, r, m, form, http.StatusUnprocessableEntity, errs)
		return
	}
	switch {
	case errors.Is(err, postfach.ErrLevelTooLow):
		ib.locked(w, r, m, http.StatusForbidden)
	case errors.Is(err, postfach.ErrReplyNotAllowed):
		page := newReplyPage(m)
		page.NotAllowed = true
		ib.Portal.Render(w, r, http.StatusForbidden, "postfach-antworten", page)
	case err != nil:
		ib.fail(w, r, err)
	default:
		http.Redirect(w, r, messagePath(m.ID)+"?erfolg=geantwortet", http.StatusSeeOther)
	}
}

// limited counts the reply against the citizen's limit; true means it
// has answered: the form again, text kept, with when to try again.
func (ib *Inbox) limited(w http.ResponseWriter, r *http.Request, rd Reader, m *postfach.Message, form replyForm) bool {
	if ib.Limit == nil {
		return false
	}
	ok, retry, err := ib.Limit.Allow(r.Context(), rd.AccountID)
	if err != nil {
		ib.fail(w, r, err)
		return true
	}
	if !ok {
		secs := ratelimit.RetryAfter(retry)
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		ib.replyErrors(w, r, m, form, http.StatusTooManyRequests,
			[]portal.FieldError{fieldError("antwort", msgReplyLimit, (secs+59)/60)})
	}
	return !ok
}

func (ib *Inbox) replyErrors(w http.ResponseWriter, r *http.Request, m *postfach.Message, form replyForm, status int, errs []portal.FieldError) {
	page := newReplyPage(m)
	page.Errors, page.Text = errs, form.Text
	page.Reselect = form.hadFiles
	ib.Portal.Render(w, r, status, "postfach-antworten", page)
}

// storeReplyErrors maps the store's findings onto the form's fields:
// "body" onto the text, "attachments…" onto the file input.
func storeReplyErrors(err error, files []postfach.Attachment) []portal.FieldError {
	var inv *postfach.InvalidError
	if !errors.As(err, &inv) {
		return nil
	}
	var errs []portal.FieldError
	for _, fe := range inv.Fields {
		e := fieldError("antwort", msgBodyInvalid)
		if strings.HasPrefix(fe.Field, "attachments") {
			e = fieldError(fileField, msgFilesInvalid)
			if i, ok := attachmentIndex(fe.Field); ok && i < len(files) {
				e = fieldError(fileField, msgFileInvalid, files[i].Filename)
				if fe.Code == postfach.CodeInvalidFilename { // never show it: bidi controls would turn it around
					e = fieldError(fileField, msgFileName)
				}
			}
		}
		if !slices.ContainsFunc(errs, func(x portal.FieldError) bool { return reflect.DeepEqual(x, e) }) {
			errs = append(errs, e)
		}
	}
	return errs
}

// attachmentIndex reads i from "attachments[i]" or "attachments[i].…".
func attachmentIndex(field string) (int, bool) {
	rest, ok := strings.CutPrefix(field, "attachments[")
	num, _, found := strings.Cut(rest, "]")
	if !ok || !found {
		return 0, false
	}
	i, err := strconv.Atoi(num)
	return i, err == nil && i >= 0
}
