package login

import (
	"fmt"
	"html/template"
	"image/color"
	"strings"

	"github.com/boombuler/barcode/qr"
)

// QRCode draws the otpauth:// URI of a TOTP enrolment as inline SVG: one
// <path> of the dark modules, coloured by attributes, since the strict
// CSP forbids style attributes and inline images are not needed. label
// is the text alternative (WCAG 1.1.1); the page shows the secret as
// text beside it for those who cannot scan.
func QRCode(uri, label string) (template.HTML, error) {
	code, err := qr.Encode(uri, qr.M, qr.Auto)
	if err != nil {
		return "", fmt.Errorf("qr code: %w", err)
	}
	n := code.Bounds().Dx()
	var d strings.Builder
	for y := range n {
		for x := range n {
			if isDark(code.At(x, y)) {
				fmt.Fprintf(&d, "M%d %dh1v1h-1z", x+quietZone, y+quietZone)
			}
		}
	}
	size := n + 2*quietZone
	return template.HTML(fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" class="mvnk-qr" role="img" `+
		`aria-labelledby="qr-titel" viewBox="0 0 %[1]d %[1]d" width="%[2]d" height="%[2]d" shape-rendering="crispEdges">`+
		`<title id="qr-titel">%[3]s</title><rect width="%[1]d" height="%[1]d" fill="#fff"/>`+
		`<path d="%[4]s" fill="#000"/></svg>`, size, size*5, template.HTMLEscapeString(label), d.String())), nil
}

// quietZone: four light modules around the code (ISO/IEC 18004 §6.3.8).
const quietZone = 4

func isDark(c color.Color) bool {
	r, _, _, _ := c.RGBA()
	return r < 0x8000
}
