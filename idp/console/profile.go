package console

import "net/http"

func (c *Console) mountProfile(mux *http.ServeMux) {}
