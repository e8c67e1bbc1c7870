package console

import "net/http"

func (c *Console) mountPasskeys(mux *http.ServeMux) {}
