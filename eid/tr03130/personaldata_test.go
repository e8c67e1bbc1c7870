package tr03130

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/eid"
	"mvnk/eid/trust"
)

// OperationsAllowedByUser decides: a group the person deselected
// (PROHIBITED) or the chip lacks (NOTONCHIP) is absent, even where the
// server sent data.
func TestOperationsAllowedByUser(t *testing.T) {
	b, fake := newTestBridge(t)
	handle := begin(t, b, trust.Hoch)
	fake.answer(getResultOK(loaHoch, map[string]string{
		"BirthName": "NOTONCHIP", "PlaceOfResidence": "PROHIBITED", "GivenNames": "PROHIBITED",
	}))
	res, err := b.Complete(context.Background(), handle, callback(t, ""))
	require.NoError(t, err)
	for _, a := range []eid.Attr{eid.BirthName, eid.GivenNames, eid.StreetAddress, eid.PostalCode, eid.Locality, eid.Country} {
		require.NotContains(t, res.Claims, a)
	}
	require.Equal(t, "MUSTERMANN", res.Claims[eid.FamilyNames].Value)
	require.Equal(t, "ID", res.Claims[eid.DocumentType].Value)
	require.Equal(t, "2029-10-31", res.Claims[eid.DateOfExpiry].Value)
}

func TestRestrictedIDMustBeReleased(t *testing.T) {
	b, fake := newTestBridge(t)
	handle := begin(t, b, trust.Hoch)
	fake.answer(getResultOK(loaHoch, map[string]string{"RestrictedID": "PROHIBITED"}))
	_, err := b.Complete(context.Background(), handle, callback(t, ""))
	require.ErrorIs(t, err, ErrServer)
}

func TestBirthDate(t *testing.T) {
	for in, want := range map[generalDate]string{
		{DateString: "19640812", DateValue: "1964-08-12"}: "1964-08-12",
		{DateString: "19640812"}:                          "1964-08-12",
		{DateString: "196408  "}:                          "1964-08",
		{DateString: "19640000"}:                          "1964",
		{DateString: "1964"}:                              "1964",
		{DateString: "    "}:                              "",
		{}:                                                "",
	} {
		require.Equal(t, want, birthDate(&in), "%+v", in)
	}
	require.Empty(t, birthDate(nil))
}

func TestPlaceName(t *testing.T) {
	require.Equal(t, "BERLIN", placeName(&generalPlace{Freetext: "BERLIN"}))
	require.Empty(t, placeName(&generalPlace{NoPlaceInfo: &struct{}{}}))
	require.Empty(t, placeName(nil))
}

func TestSmartEIDMeans(t *testing.T) {
	resp := &getResultResponse{EIDTypeResponse: &operations{List: []operation{{Value: "USED"}}}}
	resp.EIDTypeResponse.List[0].XMLName.Local = "SECertified"
	require.Equal(t, eid.MeansSmartEID, means(resp))
	l, err := resultLevel(resp)
	require.NoError(t, err)
	require.Equal(t, trust.Substanziell, l)
	require.Equal(t, eid.MeansEID, means(&getResultResponse{}))
}

func TestResultLevelNames(t *testing.T) {
	l, err := resultLevel(&getResultResponse{LevelResponse: loaSubstanziell})
	require.NoError(t, err)
	require.Equal(t, trust.Substanziell, l, "LevelOfAssuranceResponse is read too")
	_, err = resultLevel(&getResultResponse{LevelResult: "STORK-QAA-Level-4"})
	require.ErrorIs(t, err, ErrServer, "a SAML level name is no TR-03130 answer")
}
