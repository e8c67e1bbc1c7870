package console

import "net/http"

func (c *Console) mountSecurity(mux *http.ServeMux) {}
