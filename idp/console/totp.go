package console

import "net/http"

func (c *Console) mountTOTP(mux *http.ServeMux) {}
