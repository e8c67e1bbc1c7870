package console

import (
	"context"
	"net/http"
)

// Unread counts the unread messages of an account's Postfach, for the
// console's start page; nil: the Postfach is not part of this instance.
type Unread func(ctx context.Context, accountID string) (int, error)

// PostfachPath is where the Postfach's pages live inside the console.
const PostfachPath = Path + "/postfach"

// Protect runs h for the browser's logged-in account, as the console's
// own pages are (the login first when there is no session). Other pages
// inside "Mein Konto", such as the Postfach, use it.
func (c *Console) Protect(h func(w http.ResponseWriter, r *http.Request, v *Viewer)) http.HandlerFunc {
	return c.viewer(h)
}
