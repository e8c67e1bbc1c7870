package apidoc

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The checker itself: it must reject what the document forbids.
func TestSchemaCheckerRejectsMismatches(t *testing.T) {
	doc := Parse(t, []byte(`{"openapi": "3.1.0", "components": {"schemas": {"P": {
		"type": "object", "additionalProperties": false, "required": ["a"],
		"properties": {"a": {"type": "integer", "minimum": 0}, "b": {"type": "array", "items": {"type": "string", "enum": ["x"]}}}}}}}`))
	ref := map[string]any{"$ref": "#/components/schemas/P"}
	require.Empty(t, doc.Validate("v", ref, map[string]any{"a": 1.0, "b": []any{"x"}}))
	for _, bad := range []any{
		map[string]any{"b": []any{}},        // a missing
		map[string]any{"a": 1.5},            // not an integer
		map[string]any{"a": -1.0},           // below minimum
		map[string]any{"a": 1.0, "c": true}, // undocumented
		map[string]any{"a": 1.0, "b": []any{"y"}},
		[]any{},
	} {
		require.NotEmpty(t, doc.Validate("v", ref, bad), "%v", bad)
	}
}
