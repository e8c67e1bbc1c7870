// Runs axe-core's WCAG 2.1 A and AA rules on the document and returns the
// violations and the incomplete results, trimmed to what a failure report
// needs. Evaluated (awaiting the promise) after axe.min.js is injected.
axe.run(document, {
  runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
  resultTypes: ['violations', 'incomplete'],
}).then((r) => {
  const trim = (rules) => rules.map((rule) => ({
    id: rule.id,
    impact: rule.impact || '',
    help: rule.help,
    helpUrl: rule.helpUrl,
    nodes: rule.nodes.map((n) => ({
      target: n.target.map((sel) => [].concat(sel).join(' >>> ')),
      summary: n.failureSummary || '',
    })),
  }));
  return {violations: trim(r.violations), incomplete: trim(r.incomplete)};
})
