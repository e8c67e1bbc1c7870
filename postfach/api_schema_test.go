package postfach_test

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

// apiSpec is the Postfach API's OpenAPI document (the approach of
// idp/admin_schema_test.go; test code is not shared across packages), parsed, with a checker for
// the schema subset it uses: $ref, type, required, properties,
// additionalProperties: false, items, enum, minimum, maximum.
type apiSpec struct{ root map[string]any }

func parseAPISpec(t *testing.T, raw []byte) *apiSpec {
	var root map[string]any
	require.NoError(t, json.Unmarshal(raw, &root))
	require.Equal(t, "3.1.0", root["openapi"])
	return &apiSpec{root: root}
}

func specObj(v any) map[string]any { m, _ := v.(map[string]any); return m }

// resolve follows a local $ref ("#/components/…").
func (d *apiSpec) resolve(node map[string]any) map[string]any {
	ref, ok := node["$ref"].(string)
	if !ok {
		return node
	}
	cur := d.root
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		cur = specObj(cur[part])
	}
	return d.resolve(cur)
}

// checkResponse fails t unless the document lists method+path+status
// with the response's content type, and the body fits its schema.
func (d *apiSpec) checkResponse(t *testing.T, method, path string, resp *http.Response, body []byte) {
	t.Helper()
	op := specObj(specObj(d.root["paths"])[d.template(path)])[strings.ToLower(method)]
	require.NotNil(t, op, "%s %s is not documented", method, path)
	r := d.resolve(specObj(specObj(specObj(op)["responses"])[strconv.Itoa(resp.StatusCode)]))
	require.NotNil(t, r, "%s %s: status %d is not documented", method, path, resp.StatusCode)
	if len(body) == 0 {
		require.Nil(t, r["content"], "%s %s %d: documented with a body", method, path, resp.StatusCode)
		return
	}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	media := specObj(specObj(r["content"])[mt])
	require.NotNil(t, media, "%s %s %d: content type %s is not documented", method, path, resp.StatusCode, mt)
	var v any
	require.NoError(t, json.Unmarshal(body, &v))
	errs := d.validate("body", specObj(media["schema"]), v)
	require.Empty(t, errs, "%s %s %d: %s", method, path, resp.StatusCode, body)
}

// template maps a request path to the documented path it matches.
func (d *apiSpec) template(path string) string {
	path, _, _ = strings.Cut(path, "?")
	for tpl := range specObj(d.root["paths"]) {
		if specPathMatches(strings.Split(tpl, "/"), strings.Split(path, "/")) {
			return tpl
		}
	}
	return path
}

func specPathMatches(tpl, segs []string) bool {
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

func (d *apiSpec) validate(at string, schema map[string]any, v any) []string {
	schema = d.resolve(schema)
	if errs := specCheckType(at, schema, v); errs != nil {
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
			errs = append(errs, d.validate(fmt.Sprintf("%s[%d]", at, i), specObj(schema["items"]), item)...)
		}
	case map[string]any:
		errs = append(errs, d.validateObject(at, schema, x)...)
	}
	return errs
}

func (d *apiSpec) validateObject(at string, schema, v map[string]any) []string {
	var errs []string
	required, _ := schema["required"].([]any)
	for _, req := range required {
		if _, ok := v[req.(string)]; !ok {
			errs = append(errs, fmt.Sprintf("%s: %s missing", at, req))
		}
	}
	props := specObj(schema["properties"])
	for k, val := range v {
		p, known := props[k]
		if !known {
			if schema["additionalProperties"] == false {
				errs = append(errs, fmt.Sprintf("%s: undocumented property %s", at, k))
			}
			continue
		}
		errs = append(errs, d.validate(at+"."+k, specObj(p), val)...)
	}
	return errs
}

func specCheckType(at string, schema map[string]any, v any) []string {
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

// The checker itself: it must reject what the document forbids.
func TestAPISpecCheckerRejectsMismatches(t *testing.T) {
	doc := parseAPISpec(t, []byte(`{"openapi": "3.1.0", "components": {"schemas": {"P": {
		"type": "object", "additionalProperties": false, "required": ["a"],
		"properties": {"a": {"type": "integer", "minimum": 0}, "b": {"type": "array", "items": {"type": "string", "enum": ["x"]}}}}}}}`))
	ref := map[string]any{"$ref": "#/components/schemas/P"}
	require.Empty(t, doc.validate("v", ref, map[string]any{"a": 1.0, "b": []any{"x"}}))
	for _, bad := range []any{
		map[string]any{"b": []any{}},        // a missing
		map[string]any{"a": 1.5},            // not an integer
		map[string]any{"a": -1.0},           // below minimum
		map[string]any{"a": 1.0, "c": true}, // undocumented
		map[string]any{"a": 1.0, "b": []any{"y"}},
		[]any{},
	} {
		require.NotEmpty(t, doc.validate("v", ref, bad), "%v", bad)
	}
}
