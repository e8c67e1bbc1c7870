package inbox

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"mvnk/eid/trust"
	"mvnk/portal"
	"mvnk/postfach"
)

// basePage is the base of the inbox's pages: form messages and labels
// come from texts, not from the portal's catalogue.
type basePage struct{ portal.Page }

// Msg translates a form error (used by the error summary).
func (p *basePage) Msg(e portal.FieldError) string { return texts.Text(e.Key, p.Lang, e.Args...) }

// Field is a field's error state for the field templates.
func (p *basePage) Field(id string) portal.FieldState { return texts.FieldState(&p.Page, id) }

// Say is a text of the package in the page's language.
func (p *basePage) Say(key string, args ...any) string { return texts.Text(key, p.Lang, args...) }

// KindName names a kind of message.
func (p *basePage) KindName(k postfach.Kind) string { return p.Say("kind." + string(k)) }

// LevelName names a trust level ("hoch").
func (p *basePage) LevelName(l trust.Level) string { return p.Say("level." + strconv.Itoa(int(l))) }

// StatusName names a ZBP status of the timeline.
func (p *basePage) StatusName(s postfach.Status) string { return p.Say("status." + string(s)) }

// UnreadText is "3 ungelesene Nachrichten".
func (p *basePage) UnreadText(n int) string {
	switch n {
	case 0, 1:
		return p.Say("unread." + strconv.Itoa(n))
	}
	return p.Say("unread.n", n)
}

// When is a time for people, in German time.
func (p *basePage) When(t time.Time) string {
	if p.Lang == "en" {
		return t.In(postfach.Berlin()).Format("2 January 2006, 15:04")
	}
	return t.In(postfach.Berlin()).Format("02.01.2006, 15:04 Uhr")
}

// Date is a calendar day in German time.
func (p *basePage) Date(t time.Time) string {
	if p.Lang == "en" {
		return t.In(postfach.Berlin()).Format("2 January 2006")
	}
	return t.In(postfach.Berlin()).Format("02.01.2006")
}

// ISO is t for a <time datetime> attribute.
func (p *basePage) ISO(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Size is a file size in KB or MB, with a decimal comma in German.
func (p *basePage) Size(n int64) string {
	var s string
	switch {
	case n < 1000:
		s = fmt.Sprintf("%d Byte", n)
		if p.Lang == "en" {
			s = fmt.Sprintf("%d bytes", n)
		}
		return s
	case n < 1000*1000:
		s = fmt.Sprintf("%.0f KB", float64(n)/1000)
	default:
		s = fmt.Sprintf("%.1f MB", float64(n)/1000/1000)
	}
	if p.Lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// MediaLabel names a stored media type for people ("PDF").
func (p *basePage) MediaLabel(mediaType string) string {
	switch mediaType {
	case "application/pdf":
		return "PDF"
	case "image/png":
		return "PNG"
	case "image/jpeg":
		return "JPEG"
	case "application/xml", "text/xml":
		return "XML"
	case "text/csv":
		return "CSV"
	case "text/plain":
		return "Text"
	}
	return mediaType
}

func fieldError(field, key string, args ...any) portal.FieldError {
	return portal.FieldError{Field: field, Key: key, Args: args}
}
