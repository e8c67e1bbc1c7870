package tr03130

import (
	"context"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/eid"
	"mvnk/eid/trust"
)

const (
	loaHoch         = "http://bsi.bund.de/eID/LoA/hoch"
	loaSubstanziell = "http://bsi.bund.de/eID/LoA/substantiell"
)

// begin opens an identification at level min and returns its handle.
func begin(t *testing.T, b *Bridge, min trust.Level) string {
	t.Helper()
	start, err := b.Begin(context.Background(), testRequest(min))
	require.NoError(t, err)
	return start.Handle
}

// sentGetResult is a getResult request as the eID-Server reads it.
type sentGetResult struct {
	Body struct {
		Req *struct {
			SessionID string `xml:"http://bsi.bund.de/eID/ Session>ID"`
			Counter   int64  `xml:"http://bsi.bund.de/eID/ RequestCounter"`
		} `xml:"http://bsi.bund.de/eID/ getResultRequest"`
	} `xml:"http://schemas.xmlsoap.org/soap/envelope/ Body"`
}

func TestCompleteRetriesNoResultYet(t *testing.T) {
	b, fake := newTestBridge(t)
	handle := begin(t, b, trust.Hoch)
	fake.answer(getResultError("getResult#noResultYet"), getResultError("getResult#noResultYet"), getResultOK(loaHoch, nil))

	res, err := b.Complete(context.Background(), handle, callback(t, "vorgang="+handle+"&ResultMajor=ok"))
	require.NoError(t, err)

	var counters []int64
	for _, body := range fake.bodies()[1:] {
		var sent sentGetResult
		require.NoError(t, xml.Unmarshal([]byte(body), &sent))
		require.NotNil(t, sent.Body.Req)
		require.Equal(t, "session-4711", sent.Body.Req.SessionID)
		counters = append(counters, sent.Body.Req.Counter)
	}
	require.Equal(t, []int64{1, 2, 3}, counters)

	require.Equal(t, trust.Hoch, res.Level)
	require.Equal(t, eid.MeansEID, res.Means)
	require.Equal(t, eid.Subject{RestrictedID: "0a1b2c3d4e5f", Sector: "mvnk-test"}, res.Subject)
	require.Equal(t, eid.Claim{Value: "ERIKA", Level: trust.Hoch, Source: "eid"}, res.Claims[eid.GivenNames])
	require.Equal(t, "1964-08-12", res.Claims[eid.DateOfBirth].Value)
	require.Equal(t, "BERLIN", res.Claims[eid.PlaceOfBirth].Value)
	require.Equal(t, "HEIDESTRASSE 17", res.Claims[eid.StreetAddress].Value)
	require.Equal(t, "51147", res.Claims[eid.PostalCode].Value)
	require.Equal(t, "KÖLN", res.Claims[eid.Locality].Value)
	require.Equal(t, "D", res.Claims[eid.Country].Value)
	require.Contains(t, string(res.Raw), "getResultResponse", "the SOAP response is the evidence")
	require.False(t, res.AuthnInstant.IsZero())
}

func TestCompleteGivesUpAfterMaxTries(t *testing.T) {
	b, fake := newTestBridge(t)
	b.cfg.MaxTries = 3
	handle := begin(t, b, trust.Hoch)
	fake.answer(getResultError("getResult#noResultYet"))
	_, err := b.Complete(context.Background(), handle, callback(t, ""))
	require.ErrorIs(t, err, ErrServer)
	require.Len(t, fake.bodies(), 1+3)
}

func TestCompleteErrors(t *testing.T) {
	cancelled := envelope(`<eid:getResultResponse><dss:Result>` +
		`<dss:ResultMajor>http://www.bsi.bund.de/ecard/api/1.1/resultmajor#error</dss:ResultMajor>` +
		`<dss:ResultMinor>http://www.bsi.bund.de/ecard/api/1.1/resultminor/sal#cancellationByUser</dss:ResultMinor>` +
		`</dss:Result></eid:getResultResponse>`)
	for name, tc := range map[string]struct {
		answer string
		want   error
	}{
		"denied document":       {getResultError("getResult#deniedDocument"), eid.ErrDenied},
		"invalid document":      {getResultError("getResult#invalidDocument"), eid.ErrDenied},
		"invalid counter":       {getResultError("getResult#invalidCounter"), ErrServer},
		"invalid session":       {getResultError("getResult#invalidSession"), ErrServer},
		"internal error":        {getResultError("common#internalError"), ErrServer},
		"cancelled":             {cancelled, eid.ErrCancelled},
		"substanziell for hoch": {getResultOK(loaSubstanziell, nil), eid.ErrLevelTooLow},
		"oversize":              {envelope(`<eid:getResultResponse>` + strings.Repeat("x", 1<<20) + `</eid:getResultResponse>`), errTooLarge},
		"not xml":               {"<<<", ErrServer},
	} {
		t.Run(name, func(t *testing.T) {
			b, fake := newTestBridge(t)
			handle := begin(t, b, trust.Hoch)
			fake.answer(tc.answer)
			res, err := b.Complete(context.Background(), handle, callback(t, "vorgang="+handle))
			require.ErrorIs(t, err, tc.want)
			require.Nil(t, res)
			if tc.want != eid.ErrDenied {
				require.NotErrorIs(t, err, eid.ErrDenied)
			}
		})
	}
}

func TestCompleteLevels(t *testing.T) {
	for name, tc := range map[string]struct {
		loa       string
		min, want trust.Level
	}{
		"hoch":                   {loaHoch, trust.Hoch, trust.Hoch},
		"substanziell":           {loaSubstanziell, trust.Substanziell, trust.Substanziell},
		"eIDAS high":             {"http://eidas.europa.eu/LoA/high", trust.Hoch, trust.Hoch},
		"no level from the card": {"", trust.Hoch, trust.Hoch},
	} {
		t.Run(name, func(t *testing.T) {
			b, fake := newTestBridge(t)
			handle := begin(t, b, tc.min)
			fake.answer(getResultOK(tc.loa, nil))
			res, err := b.Complete(context.Background(), handle, callback(t, ""))
			require.NoError(t, err)
			require.Equal(t, tc.want, res.Level)
			require.Equal(t, tc.want, res.Claims[eid.FamilyNames].Level)
		})
	}
}

func TestCompleteCancelledInTheEIDClient(t *testing.T) {
	b, fake := newTestBridge(t)
	handle := begin(t, b, trust.Hoch)
	_, err := b.Complete(context.Background(), handle, callback(t,
		"ResultMajor=http%3A%2F%2Fwww.bsi.bund.de%2Fecard%2Fapi%2F1.1%2Fresultmajor%23error"+
			"&ResultMinor=http%3A%2F%2Fwww.bsi.bund.de%2Fecard%2Fapi%2F1.1%2Fresultminor%2Fsal%23cancellationByUser"))
	require.ErrorIs(t, err, eid.ErrCancelled)
	require.Len(t, fake.bodies(), 1, "no getResult after a cancellation")
}

// A handle completes once: the second callback is a replay.
func TestCompleteOnce(t *testing.T) {
	b, fake := newTestBridge(t)
	handle := begin(t, b, trust.Hoch)
	fake.answer(getResultOK(loaHoch, nil))
	_, err := b.Complete(context.Background(), handle, callback(t, ""))
	require.NoError(t, err)
	_, err = b.Complete(context.Background(), handle, callback(t, ""))
	require.ErrorIs(t, err, eid.ErrUnknownHandle)
	_, err = b.Complete(context.Background(), "unknown", callback(t, ""))
	require.ErrorIs(t, err, eid.ErrUnknownHandle)
}

func TestCompleteHonoursContext(t *testing.T) {
	b, fake := newTestBridge(t)
	handle := begin(t, b, trust.Hoch)
	fake.answer(getResultError("getResult#noResultYet"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := b.Complete(ctx, handle, callback(t, ""))
	require.ErrorIs(t, err, context.Canceled)
}
