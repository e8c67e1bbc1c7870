package postfach

import (
	"mime"
	"net/http"
	"strconv"
)

// getReplyAttachment answers the decrypted bytes of a reply's attachment
// as a download: never rendered inline, never sniffed into another type.
func (a *API) getReplyAttachment(w http.ResponseWriter, r *http.Request) {
	att, err := a.Store.ReplyAttachmentForSender(r.Context(), apiClient(r.Context()),
		r.PathValue("id"), r.PathValue("attachment_id"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", att.MediaType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": att.Filename}))
	h.Set("Content-Length", strconv.Itoa(len(att.Content)))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(att.Content)
}
