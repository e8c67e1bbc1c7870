package config

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestEIDDefaultsAndChecks(t *testing.T) {
	c, err := load(t, nil, "--dev")
	require.NoError(t, err)
	require.Equal(t, "simulator", c.EIDProvider())
	require.NoError(t, c.CheckEID())

	c, err = load(t, map[string]string{"MVNK_SMTP_HOST": "localhost", "MVNK_MASTER_KEY": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="})
	require.NoError(t, err)
	require.Equal(t, "off", c.EIDProvider(), "no identification service unless configured")

	c.EID.Provider = "simulator"
	var cerr *Error
	require.ErrorAs(t, c.CheckEID(), &cerr)
	require.Equal(t, "MVNK_EID", cerr.Setting)
	c.EID.AllowSimulator = true
	require.NoError(t, c.CheckEID(), "a test system may allow it explicitly")

	c.EID.Provider = "tr03130"
	require.ErrorAs(t, c.CheckEID(), &cerr)
	require.Equal(t, "MVNK_EID_SERVER_URL", cerr.Setting)
	c.EID.Provider = "bundid"
	require.ErrorAs(t, c.CheckEID(), &cerr)
	require.Equal(t, "MVNK_BUNDID_METADATA", cerr.Setting)

	_, err = load(t, map[string]string{"MVNK_EID": "ausweisapp"}, "--dev")
	require.ErrorAs(t, err, &cerr)
	require.Equal(t, "MVNK_EID", cerr.Setting)
}
