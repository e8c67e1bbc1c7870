package config

import (
	"fmt"
	"io"
)

// WriteTable writes the settings as a Markdown table (used for the README
// and `mvnk help config`), so the documentation cannot drift from the code.
func WriteTable(w io.Writer) {
	fmt.Fprintln(w, "| variable | flag | YAML key | default | meaning |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, s := range settings {
		def := s.def
		if def == "" {
			def = "—"
		}
		fmt.Fprintf(w, "| `%s` | `--%s` | `%s` | `%s` | %s |\n", s.Env(), s.Flag(), s.key, def, s.usage)
	}
}
