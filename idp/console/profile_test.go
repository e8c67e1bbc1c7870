package console_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp/account"
)

func profileForm(v map[string]string) url.Values {
	form := url.Values{}
	for k, val := range v {
		form.Set(k, val)
	}
	return form
}

// Invalid data is refused with a summary that links to each field;
// valid data is stored self-declared, an emptied field deleted, and a
// value from the eID shown read-only and never overwritten.
func TestProfileValidateAndSave(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	st := f.con.Accounts.Store
	require.NoError(t, st.SetAttribute(ctx, f.acct.ID, account.Attribute{Name: account.AttrFamilyName,
		Value: "Mustermann", Source: "eid", Level: account.LevelHoch}))
	require.NoError(t, st.SetAttribute(ctx, f.acct.ID, account.Attribute{Name: account.AttrTitle,
		Value: "Dr.", Source: account.SourceSelf, Level: account.LevelBasisregistrierung}))
	b := f.login()
	resp, page := b.get("/konto/daten")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, page, "aus dem Online-Ausweis")
	require.NotContains(t, page, `name="family_name"`, "proven: read-only")

	resp, page = b.post("/konto/daten", profileForm(map[string]string{"salutation": "Graf", "postal_code": "1905",
		"birthdate": "31", "birthdate-monat": "2", "birthdate-jahr": "1985", "given_name": "Erika\x07",
		"locality": string(make([]byte, 101)), "phone_number": "abc"}))
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	for _, id := range []string{"salutation", "given_name", "postal_code", "locality", "birthdate", "phone_number"} {
		require.Contains(t, page, `href="#`+id+`"`, "summary links to %s", id)
	}
	require.Contains(t, page, "Das Geburtsdatum muss ein echtes Datum sein")
	require.Contains(t, page, "<title>Fehler: Persönliche Daten")

	resp, _ = b.post("/konto/daten", profileForm(map[string]string{"salutation": "Frau", "given_name": "Erika",
		"family_name": "Überschrieben", "postal_code": "19053", "locality": "Schwerin", "country": "Deutschland",
		"birthdate": "12", "birthdate-monat": "8", "birthdate-jahr": "1964", "title": "", "phone_number": "+49 385 588 0"}))
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	attrs, err := st.Attributes(ctx, f.acct.ID)
	require.NoError(t, err)
	got := map[string]account.Attribute{}
	for _, a := range attrs {
		got[a.Name] = a
	}
	require.Equal(t, "1964-08-12", got[account.AttrBirthdate].Value)
	require.Equal(t, account.SourceSelf, got[account.AttrGivenName].Source)
	require.Equal(t, "Mustermann", got[account.AttrFamilyName].Value, "the eID's name stays")
	require.NotContains(t, got, account.AttrTitle, "emptied: deleted")

	_, page = b.get("/konto/daten?gespeichert=1")
	require.Contains(t, page, "Ihre Angaben wurden gespeichert.")
	require.Contains(t, page, `value="1964"`)
	require.Contains(t, page, `<option value="Frau" selected>`)
}

// Outside Germany any postcode goes; a date in the future does not.
func TestProfileForeignPostcodeAndFutureDate(t *testing.T) {
	f := newFixture(t)
	b := f.login()
	b.get("/konto/daten")
	resp, page := b.post("/konto/daten", profileForm(map[string]string{"country": "Polen", "postal_code": "70-001",
		"birthdate": "1", "birthdate-monat": "1", "birthdate-jahr": "2999"}))
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	require.NotContains(t, page, `href="#postal_code"`)
	require.Contains(t, page, "Das Geburtsdatum muss in der Vergangenheit liegen.")
}

func TestConsoleNeedsLogin(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/konto/daten", "/konto/sicherheit", "/konto/sitzungen", "/konto/datenschutz/export"} {
		resp, _ := f.browser().get(path)
		require.Equal(t, http.StatusSeeOther, resp.StatusCode, path)
		require.Equal(t, "/anmelden?"+url.Values{"weiter": {path}}.Encode(), resp.Header.Get("Location"))
	}
}
