package console

import "net/http"

func (c *Console) mountSessions(mux *http.ServeMux) {}
