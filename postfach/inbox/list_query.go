package inbox

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"mvnk/portal"
	"mvnk/postfach"
)

// Limits of the filter form's text fields.
const (
	maxQuery   = 200
	maxVorgang = 255 // as a sender's application_id
)

// listQuery is the inbox's filter form (GET) and position.
type listQuery struct {
	Kind     postfach.Kind
	Sender   string
	Vorgang  string
	Q        string
	Archived bool
	After    *postfach.Cursor
}

// parseListQuery reads the query string. An unknown kind or a broken
// cursor is ignored: they come only from edited addresses.
func parseListQuery(r *http.Request) (listQuery, []portal.FieldError) {
	v := r.URL.Query()
	q := listQuery{Kind: postfach.Kind(v.Get("art")), Sender: v.Get("absender"),
		Vorgang: strings.TrimSpace(v.Get("vorgang")), Q: strings.TrimSpace(v.Get("q")),
		Archived: v.Get("archiv") == "1", After: parseCursor(v.Get("weiter"))}
	if !slices.Contains(postfach.Kinds, q.Kind) {
		q.Kind = ""
	}
	var errs []portal.FieldError
	if utf8.RuneCountInString(q.Q) > maxQuery {
		errs = append(errs, fieldError("q", msgQueryTooLong, maxQuery))
	}
	if utf8.RuneCountInString(q.Vorgang) > maxVorgang {
		errs = append(errs, fieldError("vorgang", msgVorgangTooLong, maxVorgang))
	}
	return q, errs
}

// Filter is the store's filter for one page.
func (q listQuery) Filter() postfach.Filter {
	return postfach.Filter{Kind: q.Kind, Sender: q.Sender, ApplicationID: q.Vorgang,
		Query: q.Q, Archived: q.Archived, After: q.After}
}

// Filtered reports whether the list is narrowed by the form.
func (q listQuery) Filtered() bool {
	return q.Kind != "" || q.Sender != "" || q.Vorgang != "" || q.Q != ""
}

// values are the filter as a query string, without the position.
func (q listQuery) values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("art", string(q.Kind))
	set("absender", q.Sender)
	set("vorgang", q.Vorgang)
	set("q", q.Q)
	if q.Archived {
		v.Set("archiv", "1")
	}
	return v
}

// URL is the list with this filter from its first page.
func (q listQuery) URL() string { return withQuery(Path, q.values()) }

// nextURL is the list with this filter after cursor c.
func (q listQuery) nextURL(c *postfach.Cursor) string {
	v := q.values()
	v.Set("weiter", strconv.FormatInt(c.ProvidedAt, 10)+"."+c.ID)
	return withQuery(Path, v)
}

func withQuery(path string, v url.Values) string {
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// parseCursor reads "<provided_at µs>.<id>"; nil when broken.
func parseCursor(s string) *postfach.Cursor {
	at, id, ok := strings.Cut(s, ".")
	if !ok || id == "" || len(id) > 64 {
		return nil
	}
	n, err := strconv.ParseInt(at, 10, 64)
	if err != nil {
		return nil
	}
	return &postfach.Cursor{ProvidedAt: n, ID: id}
}
