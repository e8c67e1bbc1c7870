// Package e2e holds the browser checks: its tests start the whole mvnk app
// on a temporary SQLite database, fetch every page listed in pages.go with a
// plain HTTP client (security headers, lang, HTML validity) and open it in
// headless Chromium (axe-core WCAG 2.1 A/AA, console errors, CSP
// violations). The non-test files are the page list and the HTML checker.
//
//	go test -count=1 ./e2e/ -v
//
// Chromium is /usr/bin/chromium or $MVNK_CHROMIUM; without it the browser
// checks skip, except when $CI is set. $MVNK_E2E_ARTIFACTS names a directory
// for a screenshot of every page.
package e2e
