package console

import "net/http"

// Grants are the services an account has let in.
type Grants interface{}

func (c *Console) mountServices(mux *http.ServeMux) {}
