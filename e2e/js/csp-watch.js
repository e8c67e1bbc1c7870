// Records the page's Content-Security-Policy violations for the browser
// checks. DevTools runs it in every new document before the page's own
// scripts; the page's CSP does not apply to it.
window.__mvnkCSPViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__mvnkCSPViolations.push(
    `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile || 'document'}:${e.lineNumber})`);
}, true);
