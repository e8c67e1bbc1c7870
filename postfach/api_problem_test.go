package postfach

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// The OpenAPI document lists exactly the problem types the API answers,
// each once, so a sender can rely on the list.
func TestAPIProblemTypesDocumented(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas struct {
				Problem struct {
					Properties struct {
						Type struct {
							Enum []string `json:"enum"`
						} `json:"type"`
					} `json:"properties"`
				} `json:"Problem"`
			} `json:"schemas"`
		} `json:"components"`
	}
	require.NoError(t, json.Unmarshal(apiDoc, &doc))
	var types []string
	for _, p := range apiProblems {
		types = append(types, apiProblem(p, "").Type)
	}
	require.ElementsMatch(t, doc.Components.Schemas.Problem.Properties.Type.Enum, types)
}
