package login_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"mvnk/idp/login"
)

// The QR code is inline SVG the strict CSP allows: no style attribute,
// no image, a labelled role="img" with the label escaped.
func TestQRCodeIsAccessibleSVG(t *testing.T) {
	uri := "otpauth://totp/MV-Nutzerkonto:erika?secret=JBSWY3DPEHPK3PXP&issuer=MV-Nutzerkonto"
	svg, err := login.QRCode(uri, `QR-Code <für> "Erika"`)
	require.NoError(t, err)
	s := string(svg)
	require.True(t, strings.HasPrefix(s, `<svg xmlns="http://www.w3.org/2000/svg" class="mvnk-qr" role="img" aria-labelledby="qr-titel"`))
	require.Contains(t, s, `<title id="qr-titel">QR-Code &lt;für&gt; &#34;Erika&#34;</title>`)
	require.NotContains(t, s, "style")
	require.NotContains(t, s, "<img")
	require.Greater(t, strings.Count(s, "h1v1h-1z"), 100, "the dark modules")

	other, err := login.QRCode(uri+"x", "x")
	require.NoError(t, err)
	require.NotEqual(t, s[strings.Index(s, "<path"):], string(other)[strings.Index(string(other), "<path"):])
	require.Equal(t, "JBSW Y3DP EHPK 3PXP", login.GroupSecret("JBSWY3DPEHPK3PXP"))
}
