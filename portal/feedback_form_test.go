package portal

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFeedbackFormValidate(t *testing.T) {
	valid := feedbackForm{Message: "Barriere", Email: "kim@example.de"}
	cases := []struct {
		name   string
		change func(f *feedbackForm)
		fields []string
	}{
		{"valid", func(*feedbackForm) {}, nil},
		{"all optional fields empty", func(f *feedbackForm) { f.Email = "" }, nil},
		{"no message", func(f *feedbackForm) { f.Message = "" }, []string{"message"}},
		{"message at limit", func(f *feedbackForm) { f.Message = strings.Repeat("ß", 5000) }, nil},
		{"message over limit", func(f *feedbackForm) { f.Message = strings.Repeat("ß", 5001) }, []string{"message"}},
		{"email without domain dot", func(f *feedbackForm) { f.Email = "kim@localhost" }, []string{"email"}},
		{"email with name part", func(f *feedbackForm) { f.Email = "Kim <kim@example.de>" }, []string{"email"}},
		{"email no at", func(f *feedbackForm) { f.Email = "kim.example.de" }, []string{"email"}},
		{"name too long", func(f *feedbackForm) { f.Name = strings.Repeat("n", 201) }, []string{"name"}},
		{"page too long", func(f *feedbackForm) { f.PageURL = strings.Repeat("p", 2001) }, []string{"page_url"}},
		{"in field order", func(f *feedbackForm) {
			f.PageURL, f.Message, f.Email = strings.Repeat("p", 2001), "", "x"
		}, []string{"page_url", "message", "email"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := valid
			tc.change(&f)
			var fields []string
			for _, e := range f.Validate() {
				fields = append(fields, e.Field)
			}
			require.Equal(t, tc.fields, fields)
		})
	}
}

func TestLocalPath(t *testing.T) {
	for in, want := range map[string]string{
		"/impressum?x=1":        "/impressum?x=1",
		"/":                     "/",
		"":                      "/",
		"//evil.example":        "/",
		"/\\evil.example":       "/",
		"https://evil.example/": "/",
		"impressum":             "/",
	} {
		require.Equal(t, want, localPath(in), in)
	}
}
