// Package apidoc checks HTTP answers against an OpenAPI 3.1 document in
// tests: the operation, status and media type must be documented and the
// body must fit its schema (the subset the project's documents use).
package apidoc

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Doc is an OpenAPI document, parsed, with a checker for
// the schema subset it uses: $ref, type, required, properties,
// additionalProperties: false, items, enum, minimum, maximum.
type Doc struct{ root map[string]any }

// Parse reads an OpenAPI 3.1 document.
func Parse(t testing.TB, raw []byte) *Doc {
	var root map[string]any
	require.NoError(t, json.Unmarshal(raw, &root))
	require.Equal(t, "3.1.0", root["openapi"])
	return &Doc{root: root}
}

func obj(v any) map[string]any { m, _ := v.(map[string]any); return m }

// resolve follows a local $ref ("#/components/…").
func (d *Doc) resolve(node map[string]any) map[string]any {
	ref, ok := node["$ref"].(string)
	if !ok {
		return node
	}
	cur := d.root
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		cur = obj(cur[part])
	}
	return d.resolve(cur)
}

// CheckResponse fails t unless the document lists method+path+status
// with the response's content type, and the body fits its schema.
func (d *Doc) CheckResponse(t testing.TB, method, path string, resp *http.Response, body []byte) {
	t.Helper()
	op := obj(obj(d.root["paths"])[d.template(path)])[strings.ToLower(method)]
	require.NotNil(t, op, "%s %s is not documented", method, path)
	r := d.resolve(obj(obj(obj(op)["responses"])[strconv.Itoa(resp.StatusCode)]))
	require.NotNil(t, r, "%s %s: status %d is not documented", method, path, resp.StatusCode)
	if len(body) == 0 {
		require.Nil(t, r["content"], "%s %s %d: documented with a body", method, path, resp.StatusCode)
		return
	}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	media := obj(obj(r["content"])[mt])
	require.NotNil(t, media, "%s %s %d: content type %s is not documented", method, path, resp.StatusCode, mt)
	var v any
	require.NoError(t, json.Unmarshal(body, &v))
	errs := d.Validate("body", obj(media["schema"]), v)
	require.Empty(t, errs, "%s %s %d: %s", method, path, resp.StatusCode, body)
}

// template maps a request path to the documented path it matches.
func (d *Doc) template(path string) string {
	path, _, _ = strings.Cut(path, "?")
	for tpl := range obj(d.root["paths"]) {
		if pathMatches(strings.Split(tpl, "/"), strings.Split(path, "/")) {
			return tpl
		}
	}
	return path
}

func pathMatches(tpl, segs []string) bool {
	if len(tpl) != len(segs) {
		return false
	}
	for i, s := range tpl {
		if !strings.HasPrefix(s, "{") && s != segs[i] {
			return false
		}
	}
	return true
}

// Validate lists where v does not fit schema (nil: it fits); at names v
// in the messages.
func (d *Doc) Validate(at string, schema map[string]any, v any) []string {
	schema = d.resolve(schema)
	if errs := checkType(at, schema, v); errs != nil {
		return errs
	}
	var errs []string
	if enum, ok := schema["enum"].([]any); ok && !slices.Contains(enum, v) {
		errs = append(errs, fmt.Sprintf("%s: %v not in enum", at, v))
	}
	if n, ok := v.(float64); ok {
		if lo, ok := schema["minimum"].(float64); ok && n < lo {
			errs = append(errs, fmt.Sprintf("%s: %v below minimum", at, v))
		}
		if hi, ok := schema["maximum"].(float64); ok && n > hi {
			errs = append(errs, fmt.Sprintf("%s: %v above maximum", at, v))
		}
	}
	switch x := v.(type) {
	case []any:
		for i, item := range x {
			errs = append(errs, d.Validate(fmt.Sprintf("%s[%d]", at, i), obj(schema["items"]), item)...)
		}
	case map[string]any:
		errs = append(errs, d.validateObject(at, schema, x)...)
	}
	return errs
}

func (d *Doc) validateObject(at string, schema, v map[string]any) []string {
	var errs []string
	required, _ := schema["required"].([]any)
	for _, req := range required {
		if _, ok := v[req.(string)]; !ok {
			errs = append(errs, fmt.Sprintf("%s: %s missing", at, req))
		}
	}
	props := obj(schema["properties"])
	for k, val := range v {
		p, known := props[k]
		if !known {
			if schema["additionalProperties"] == false {
				errs = append(errs, fmt.Sprintf("%s: undocumented property %s", at, k))
			}
			continue
		}
		errs = append(errs, d.Validate(at+"."+k, obj(p), val)...)
	}
	return errs
}

func checkType(at string, schema map[string]any, v any) []string {
	want, ok := schema["type"].(string)
	if !ok {
		return nil
	}
	var got string
	switch x := v.(type) {
	case nil:
		got = "null"
	case bool:
		got = "boolean"
	case string:
		got = "string"
	case []any:
		got = "array"
	case map[string]any:
		got = "object"
	case float64:
		got = "number"
		if x == float64(int64(x)) {
			got = "integer"
		}
	}
	if got == want || (want == "number" && got == "integer") {
		return nil
	}
	return []string{fmt.Sprintf("%s: want %s, got %s", at, want, got)}
}
