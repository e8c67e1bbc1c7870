package mail_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/internal/mail"
)

func TestLinkify(t *testing.T) {
	type seg = mail.Segment
	cases := []struct {
		in   string
		want []seg
	}{
		{"kein Link", []seg{{Text: "kein Link"}}},
		{"Link: https://a.example/x?y=1.", []seg{{Text: "Link: "}, {Text: "https://a.example/x?y=1", URL: "https://a.example/x?y=1"}, {Text: "."}}},
		{"(siehe http://a.example/p)", []seg{{Text: "(siehe "}, {Text: "http://a.example/p", URL: "http://a.example/p"}, {Text: ")"}}},
		{"HTTPS://A.example", []seg{{Text: "HTTPS://A.example", URL: "https://A.example"}}},
		{"javascript:alert(1)", []seg{{Text: "javascript:alert(1)"}}},
		{"ftp://a.example/datei", []seg{{Text: "ftp://a.example/datei"}}},
		{"https://", []seg{{Text: "https://"}}},
		{`"https://a.example"<b>`, []seg{{Text: `"`}, {Text: "https://a.example", URL: "https://a.example"}, {Text: `"<b>`}}},
		{"a https://x.example b https://y.example", []seg{{Text: "a "}, {Text: "https://x.example", URL: "https://x.example"},
			{Text: " b "}, {Text: "https://y.example", URL: "https://y.example"}}},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			require.Equal(t, tc.want, mail.Linkify(tc.in))
		})
	}
}
