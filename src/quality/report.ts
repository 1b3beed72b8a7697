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
  if (m?.TotalRowsProcessed !== undefined)
    lines.push(`Rows: ${m.TotalRowsProcessed} processed, ${m.TotalRowsPassed} passed, ${m.TotalRowsFailed} failed`);
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
