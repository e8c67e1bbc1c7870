package idp

import (
	"context"

	"github.com/ory/fosite"
)

// quietTokenHandlers stops fosite from building an error with a stack
// trace for every token endpoint handler that a request is not for.
// fosite's NewAccessResponse (fosite@v0.49.0 access_response_writer.go)
// calls PopulateTokenEndpointResponse on every handler, and each one that
// does not handle the grant type returns errorsx.WithStack(ErrUnknownRequest),
// which records the call stack only to be dropped: ~5% of the CPU of a
// client_credentials request. Every one of them checks
// CanHandleTokenEndpointRequest first, so asking that here changes nothing
// but the cost.
func quietTokenHandlers(hs fosite.TokenEndpointHandlers) fosite.TokenEndpointHandlers {
	out := make(fosite.TokenEndpointHandlers, len(hs))
	for i, h := range hs {
		out[i] = quietTokenHandler{h}
	}
	return out
}

type quietTokenHandler struct{ fosite.TokenEndpointHandler }

func (h quietTokenHandler) PopulateTokenEndpointResponse(ctx context.Context, r fosite.AccessRequester, resp fosite.AccessResponder) error {
	if !h.CanHandleTokenEndpointRequest(ctx, r) {
		return fosite.ErrUnknownRequest
	}
	return h.TokenEndpointHandler.PopulateTokenEndpointResponse(ctx, r, resp)
}
