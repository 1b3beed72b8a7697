// How an evaluation reads in a terminal: the score, every rule with its result and why it did not
// pass, the rows that failed, and anomalies seen against history.
import type { DataQualityResult } from '../kernel/glue-types.js';

export function formatReport(title: string, r: DataQualityResult): string {
  const rules = r.RuleResults ?? [];
  const passed = rules.filter((x) => x.Result === 'PASS').length;
  const lines = [title];
  if (r.Score !== undefined) lines.push(`Score: ${r.Score.toFixed(2)} (${passed} of ${rules.length} rules passed)`, '');
  for (const x of rules) {
    lines.push(`  ${(x.Result ?? '').padEnd(5)}  ${x.Description}`);
    if (x.EvaluatedRule && x.EvaluatedRule !== x.Description) lines.push(`         evaluated as: ${x.EvaluatedRule}`);
    if (x.Result !== 'PASS' && x.EvaluationMessage) for (const m of x.EvaluationMessage.split('\n')) lines.push(`         ${m}`);
  }
  const failing = rules.filter((x) => x.Result !== 'PASS');
  if (failing.length)
    lines.push(
      '',
      `Top failing rules: ${failing
        .slice(0, 5)
        .map((x) => x.Description)
        .join('; ')}`,
    );
  const m = r.AggregatedMetrics;
  if (m?.TotalRowsProcessed !== undefined) {
    // Rows are counted against row-level checks, rules against their thresholds: say so when all rules
    // passed while rows failed, or the two numbers read as a contradiction.
    const n = (v: number | undefined) => (v ?? 0).toLocaleString('en-US');
    const why = m.TotalRowsFailed && passed === rules.length ? ' (rules passed by their thresholds, e.g. Completeness > 0.95)' : '';
    lines.push(
      `Rows: ${n(m.TotalRowsProcessed)} checked, ${n(m.TotalRowsPassed)} met every row-level check, ${n(m.TotalRowsFailed)} failed at least one${why}`,
    );
  }
  for (const a of r.AnalyzerResults ?? []) {
    const metrics = Object.entries(a.EvaluatedMetrics ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    lines.push(`  ANALYZE ${a.Description}: ${a.EvaluationMessage ?? metrics}`);
  }
  if (r.Observations?.length) {
    lines.push('', 'Anomalies:');
    for (const o of r.Observations) lines.push(`  - ${o.Description}`);
  }
  return `${lines.join('\n')}\n`;
}
