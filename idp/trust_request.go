package idp

import (
	"encoding/json"
	"net/http"

	"github.com/ory/fosite"

	"mvnk/eid/trust"
)

// errUnmetAuthn is OpenID Connect Unmet Authentication Requirements 1.0
// §2: the provider cannot authenticate the user as the request demands.
var errUnmetAuthn = &fosite.RFC6749Error{
	ErrorField:       "unmet_authentication_requirements",
	DescriptionField: "The authentication requirements of the request could not be met.",
	CodeField:        http.StatusBadRequest,
}

// levelRequest is what a request demands of the trust level (egov-standards
// §1): its minimum and the vocabulary its acr is answered in.
type levelRequest struct {
	min   trust.Level
	vocab trust.Vocabulary
	named bool // a known level was named; vocab is its vocabulary
}

// lowest reads a list of acr values. Every value listed is acceptable to
// the client (OIDC Core §3.1.2.1 "in order of preference"), so the LOWEST
// known value is the minimum. Unknown values are ignored; the vocabulary
// is that of the first known one.
func lowest(values []string) levelRequest {
	var lr levelRequest
	for _, v := range values {
		l, vocab, ok := trust.Parse(v)
		switch {
		case !ok:
		case !lr.named:
			lr = levelRequest{min: l, vocab: vocab, named: true}
		case l < lr.min:
			lr.min = l
		}
	}
	return lr
}

// requestedLevel is the minimum level of a request: the highest of the
// client's registered floor (which no request lowers), the lowest of
// acr_values, and the lowest of an essential acr of the claims parameter
// (OIDC Core §5.5.1.1). An essential acr none of whose values is known
// can never be met: unmet_authentication_requirements.
func requestedLevel(floor int, acrValues []string, claims json.RawMessage) (levelRequest, error) {
	byValues := lowest(acrValues)
	essential, ok := essentialACR(claims)
	byClaims := lowest(essential)
	if ok && len(essential) > 0 && !byClaims.named {
		return levelRequest{}, errUnmetAuthn.WithHint("None of the essential acr values is known here.")
	}
	lr := byValues
	if !lr.named {
		lr.vocab, lr.named = byClaims.vocab, byClaims.named
	}
	lr.min = max(trust.Level(floor), byValues.min, byClaims.min)
	return lr, nil
}

// essentialACR are the values of an essential acr in the claims
// parameter's id_token member (OIDC Core §5.5.1, §5.5.1.1); false when
// acr is not asked for as essential. A voluntary acr asks nothing.
func essentialACR(claims json.RawMessage) ([]string, bool) {
	var param struct {
		IDToken struct {
			ACR *struct {
				Essential bool     `json:"essential"`
				Value     string   `json:"value"`
				Values    []string `json:"values"`
			} `json:"acr"`
		} `json:"id_token"`
	}
	if len(claims) == 0 || json.Unmarshal(claims, &param) != nil {
		return nil, false
	}
	acr := param.IDToken.ACR
	if acr == nil || !acr.Essential {
		return nil, false
	}
	if acr.Value != "" {
		return append([]string{acr.Value}, acr.Values...), true
	}
	return acr.Values, true
}
