package trust_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/eid/trust"
)

func TestParseEveryVocabulary(t *testing.T) {
	cases := map[string]trust.Level{
		"STORK-QAA-Level-1": trust.Basis, "STORK-QAA-Level-2": trust.Normal,
		"STORK-QAA-Level-3": trust.Substanziell, "STORK-QAA-Level-4": trust.Hoch,
		"http://eidas.europa.eu/LoA/low": trust.Basis, "http://eidas.europa.eu/LoA/substantial": trust.Substanziell,
		"http://eidas.europa.eu/LoA/high": trust.Hoch, "http://bsi.bund.de/eID/LoA/normal": trust.Basis,
		"http://bsi.bund.de/eID/LoA/substantiell": trust.Substanziell, "http://bsi.bund.de/eID/LoA/hoch": trust.Hoch,
		"UNTERGEORDNET": trust.Basis, "NORMAL": trust.Normal, "SUBSTANTIELL": trust.Substanziell, "HOCH": trust.Hoch,
		" hoch ": trust.Hoch,
	}
	for name, want := range cases {
		got, _, ok := trust.Parse(name)
		require.True(t, ok, name)
		require.Equal(t, want, got, name)
	}
	for _, bad := range []string{"", "level4", "STORK-QAA-Level-5", "http://eidas.europa.eu/LoA/medium"} {
		_, _, ok := trust.Parse(bad)
		require.False(t, ok, bad)
	}
}

func TestNamesNeverClaimMore(t *testing.T) {
	require.Equal(t, "http://eidas.europa.eu/LoA/low", trust.Normal.Name(trust.EIDAS), "no eIDAS normal: the lower name")
	require.Equal(t, "STORK-QAA-Level-4", trust.Hoch.String())
	require.Equal(t, "HOCH", trust.Hoch.Name(trust.AKDB))
	require.Equal(t, "", trust.None.Name(trust.EIDAS))
	require.Equal(t, "substanziell", trust.Substanziell.German())
	_, v, _ := trust.Parse("http://eidas.europa.eu/LoA/high")
	require.Equal(t, trust.EIDAS, v, "the vocabulary a client asked in is kept")
	require.True(t, trust.Basis < trust.Substanziell && trust.Substanziell < trust.Hoch)
	require.Len(t, trust.Supported(), 6)
}
