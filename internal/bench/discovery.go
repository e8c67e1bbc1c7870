package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// endpoints are the parts of the server's metadata the bench uses.
type endpoints struct {
	Issuer        string `json:"issuer"`
	Token         string `json:"token_endpoint"`
	Introspection string `json:"introspection_endpoint"`
	Authorization string `json:"authorization_endpoint"`
}

// discover reads the OpenID Provider metadata (OIDC Discovery 1.0 §4) and
// falls back to the OAuth metadata of RFC 8414 §3.
func discover(ctx context.Context, client *http.Client, issuer string) (endpoints, error) {
	var first error
	for _, u := range metadataURLs(issuer) {
		ep, err := fetchMetadata(ctx, client, u)
		if err == nil {
			return ep, nil
		}
		if first == nil {
			first = err
		}
	}
	return endpoints{}, first
}

// metadataURLs: OIDC appends the well-known path to the issuer; RFC 8414
// §3.1 inserts it between the host and the issuer's path.
func metadataURLs(issuer string) []string {
	issuer = strings.TrimSuffix(issuer, "/")
	urls := []string{issuer + "/.well-known/openid-configuration"}
	if u, err := url.Parse(issuer); err == nil {
		u.Path = "/.well-known/oauth-authorization-server" + u.Path
		urls = append(urls, u.String())
	}
	return urls
}

func fetchMetadata(ctx context.Context, client *http.Client, u string) (endpoints, error) {
	var ep endpoints
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return ep, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return ep, fmt.Errorf("discovery: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return ep, fmt.Errorf("discovery: GET %s: HTTP %d", u, resp.StatusCode)
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxBody)).Decode(&ep); err != nil {
		return ep, fmt.Errorf("discovery: %s: %w", u, err)
	}
	if ep.Token == "" {
		return ep, fmt.Errorf("discovery: %s has no token_endpoint", u)
	}
	return ep, nil
}
