package postfach_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"mvnk/postfach"
)

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr(s string) *time.Time { t := utc(s); return &t }

// TestDeemedNotifiedAt: calendar days in Europe/Berlin, around midnight
// (a UTC evening is already the next Berlin day) and across both DST
// changes of 2026 (29 March, 25 October). Wanted times are in UTC.
func TestDeemedNotifiedAt(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    postfach.Delivery
		want *time.Time
	}{
		{"ozg9 third day", postfach.Delivery{Rule: postfach.RuleOZG9, ProvidedAt: utc("2026-03-02 10:00")}, ptr("2026-03-04 23:00")},
		{"ozg9 23:59 Berlin", postfach.Delivery{Rule: postfach.RuleOZG9, ProvidedAt: utc("2026-03-02 22:59")}, ptr("2026-03-04 23:00")},
		{"ozg9 00:30 Berlin next day", postfach.Delivery{Rule: postfach.RuleOZG9, ProvidedAt: utc("2026-03-02 23:30")}, ptr("2026-03-05 23:00")},
		{"ozg9 into summer time", postfach.Delivery{Rule: postfach.RuleOZG9, ProvidedAt: utc("2026-03-27 12:00")}, ptr("2026-03-29 22:00")},
		{"ozg9 into winter time", postfach.Delivery{Rule: postfach.RuleOZG9, ProvidedAt: utc("2026-10-23 12:00")}, ptr("2026-10-25 23:00")},
		{"ozg9 early retrieval changes nothing", postfach.Delivery{Rule: postfach.RuleOZG9, ProvidedAt: utc("2026-03-02 10:00"),
			FirstRetrievedAt: ptr("2026-03-02 11:00")}, ptr("2026-03-04 23:00")},
		{"ozg9 S.7 retrieval before renewal decides", postfach.Delivery{Rule: postfach.RuleOZG9, ProvidedAt: utc("2026-03-02 10:00"),
			FirstRetrievedAt: ptr("2026-03-03 09:00"), RenewedAt: ptr("2026-03-10 09:00")}, ptr("2026-03-02 23:00")},
		{"ozg9 renewal without earlier retrieval", postfach.Delivery{Rule: postfach.RuleOZG9, ProvidedAt: utc("2026-03-02 10:00"),
			RenewedAt: ptr("2026-03-10 09:00")}, ptr("2026-03-12 23:00")},
		{"41(2a) not retrieved", postfach.Delivery{Rule: postfach.RuleVwVfG41_2a, ProvidedAt: utc("2026-03-02 10:00")}, nil},
		{"41(2a) day after retrieval", postfach.Delivery{Rule: postfach.RuleVwVfG41_2a, ProvidedAt: utc("2026-03-02 10:00"),
			FirstRetrievedAt: ptr("2026-03-03 22:30")}, ptr("2026-03-03 23:00")},
		{"41(2a) retrieval 00:30 Berlin", postfach.Delivery{Rule: postfach.RuleVwVfG41_2a, ProvidedAt: utc("2026-03-02 10:00"),
			FirstRetrievedAt: ptr("2026-03-03 23:30")}, ptr("2026-03-04 23:00")},
		{"41(2a) retrieval before DST night", postfach.Delivery{Rule: postfach.RuleVwVfG41_2a, ProvidedAt: utc("2026-03-27 10:00"),
			FirstRetrievedAt: ptr("2026-03-28 12:00")}, ptr("2026-03-28 23:00")},
		{"41(2a) retrieval on day 10, 23:30 Berlin", postfach.Delivery{Rule: postfach.RuleVwVfG41_2a, ProvidedAt: utc("2026-03-02 10:00"),
			NotifiedAt: ptr("2026-03-02 10:05"), FirstRetrievedAt: ptr("2026-03-12 22:30")}, ptr("2026-03-12 23:00")},
		{"41(2a) retrieval after provision ended", postfach.Delivery{Rule: postfach.RuleVwVfG41_2a, ProvidedAt: utc("2026-03-02 10:00"),
			NotifiedAt: ptr("2026-03-02 10:05"), FirstRetrievedAt: ptr("2026-03-12 23:30")}, nil},
		{"none", postfach.Delivery{Rule: postfach.RuleNone, ProvidedAt: utc("2026-03-02 10:00"), FirstRetrievedAt: ptr("2026-03-02 11:00")}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.d.DeemedNotifiedAt(postfach.Berlin())
			if tc.want == nil {
				require.Nil(t, got)
				return
			}
			require.NotNil(t, got)
			require.True(t, tc.want.Equal(*got), "want %s, got %s", tc.want, got.UTC())
		})
	}
}

func TestProvisionEndsAt(t *testing.T) {
	for _, tc := range []struct {
		name           string
		notified, want string
	}{
		{"winter", "2026-03-02 10:00", "2026-03-12 23:00"},
		{"across DST start", "2026-03-20 12:00", "2026-03-30 22:00"},
		{"across DST end", "2026-10-20 12:00", "2026-10-30 23:00"},
		{"23:30 UTC is the next Berlin day", "2026-03-02 23:30", "2026-03-13 23:00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := postfach.Delivery{Rule: postfach.RuleVwVfG41_2a, ProvidedAt: utc(tc.notified), NotifiedAt: ptr(tc.notified)}
			got := d.ProvisionEndsAt(postfach.Berlin())
			require.True(t, utc(tc.want).Equal(got), "want %s, got %s", tc.want, got.UTC())
		})
	}
}
