package idp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// maxRequestObjectLife bounds exp of a request object (RFC 9101 §10.2
// wants it short-lived; FAPI 2.0 Message Signing §5.3.1: 60 minutes).
const maxRequestObjectLife = 60 * time.Minute

// jwtOnlyClaims describe the object itself and are not request parameters.
var jwtOnlyClaims = map[string]bool{"iss": true, "aud": true, "exp": true, "nbf": true, "iat": true, "jti": true}

// requestObjectParams checks the claims of a verified request object and
// turns them into request parameters that keep their JSON meaning: a
// string is its value, a number or boolean its JSON text (max_age 600
// stays 600), an object its JSON (claims keeps "essential": true).
func requestObjectParams(payload []byte, clientID, issuer string, now time.Time) (map[string]string, error) {
	var claims map[string]json.RawMessage
	if err := json.Unmarshal(payload, &claims); err != nil {
		return nil, errors.New("the request object's claims are not a JSON object")
	}
	if err := checkRequestObject(claims, clientID, issuer, now); err != nil {
		return nil, err
	}
	params := map[string]string{}
	for k, raw := range claims {
		if jwtOnlyClaims[k] || string(raw) == "null" {
			continue
		}
		v, err := paramValue(k, raw)
		if err != nil {
			return nil, err
		}
		params[k] = v
	}
	return params, nil
}

// checkRequestObject: RFC 9101 §4, §6.3: iss is the client, aud the
// issuer, client_id the client; exp, if present, not passed and at most
// maxRequestObjectLife ahead; no nested request or request_uri.
func checkRequestObject(claims map[string]json.RawMessage, clientID, issuer string, now time.Time) error {
	var iss, cid string
	var aud jwtAudience
	_ = json.Unmarshal(claims["iss"], &iss)
	_ = json.Unmarshal(claims["client_id"], &cid)
	switch {
	case iss != clientID:
		return errors.New("iss of the request object must be the client_id")
	case cid != clientID:
		return errors.New("client_id in the request object must be the client_id of the request")
	case json.Unmarshal(claims["aud"], &aud) != nil || !aud.has(issuer):
		return errors.New("aud of the request object must be the issuer")
	case claims["request"] != nil || claims["request_uri"] != nil:
		return errors.New("a request object must not contain request or request_uri")
	}
	if raw, ok := claims["exp"]; ok {
		var exp numericDate
		if json.Unmarshal(raw, &exp) != nil {
			return errors.New("exp of the request object is not a number")
		}
		if exp.time().Before(now.Add(-clockSkew)) || exp.time().After(now.Add(maxRequestObjectLife+clockSkew)) {
			return errors.New("exp of the request object is passed or more than 60 minutes ahead")
		}
	}
	if raw, ok := claims["nbf"]; ok {
		var nbf numericDate
		if json.Unmarshal(raw, &nbf) != nil || nbf.time().After(now.Add(clockSkew)) {
			return errors.New("the request object is not valid yet (nbf)")
		}
	}
	return nil
}

// paramValue is the form value of one claim; max_age must be a
// non-negative integer (OIDC Core §3.1.2.1).
func paramValue(name string, raw json.RawMessage) (string, error) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if name == "max_age" {
			return "", errors.New("max_age in a request object is a JSON number")
		}
		return s, nil
	}
	if name == "max_age" {
		n, err := strconv.ParseInt(string(raw), 10, 64)
		if err != nil || n < 0 {
			return "", fmt.Errorf("max_age %s is not a non-negative integer", raw)
		}
		return strconv.FormatInt(n, 10), nil
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return "", err
	}
	return buf.String(), nil
}
