package console

import "net/http"

func (c *Console) mountData(mux *http.ServeMux) {}
