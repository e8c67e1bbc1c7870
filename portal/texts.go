package portal

import "fmt"

// Texts are a component's own form messages: key → {German, English}.
// The portal's catalogue holds the shell's words; a component keeps its
// form errors beside its code.
type Texts map[string][2]string

// Text is the message key in lang, formatted with args; an unknown key
// shows as itself, so a gap is visible.
func (t Texts) Text(key, lang string, args ...any) string {
	msg, ok := t[key]
	if !ok {
		return key
	}
	s := msg[0]
	if lang == "en" {
		s = msg[1]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// FieldState is a field's error state with the message from texts, for
// form pages whose messages are a component's own Texts.
func (t Texts) FieldState(pg *Page, id string) FieldState {
	for _, e := range pg.Errors {
		if e.Field == id {
			return FieldState{ID: id, Message: t.Text(e.Key, pg.Lang, e.Args...)}
		}
	}
	return FieldState{ID: id}
}
