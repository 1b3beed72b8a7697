// The metric history an observation leaves: per run its duration (and for jobs rows, bytes and cost;
// for crawls the tables it changed), per quality result its score and rule outcomes.
import type { Point } from '../metrics/history.js';
import type { RunFacts } from './run-facts.js';
import type { QualityFacts } from '../alarms/types.js';
import { qualitySubject } from '../alarms/types.js';

export function runPoints(r: RunFacts, doc: Record<string, any>): Point[] {
  const at = r.completedOn;
  const p = (series: string, value: number | undefined): Point[] =>
    value === undefined ? [] : [{ series, subject: r.name, at, value, runId: r.id }];
  const points = [...p(`${r.kind}.duration_seconds`, r.durationMs / 1000), ...p(`${r.kind}.failed`, r.failed ? 1 : 0)];
  if (r.kind === 'job') {
    // Row counts of failed runs describe work that was thrown away; only successful runs count.
    const m = r.state === 'SUCCEEDED' ? r.metrics : undefined;
    points.push(
      ...p('job.rows_read', m?.rowsRead),
      ...p('job.rows_written', m?.rowsWritten),
      ...p('job.rows_quarantined', m?.rowsQuarantined),
      ...p('job.bytes_read', m?.bytesRead),
      ...p('job.bytes_written', m?.bytesWritten),
      ...p('job.cost', r.cost?.cost),
      ...p('job.dpu_seconds', r.cost?.dpuSeconds),
    );
  }
  if (r.kind === 'crawl' && doc.Counts) {
    const c = doc.Counts;
    points.push(
      ...p('crawl.tables_created', c.TablesCreated),
      ...p('crawl.tables_updated', c.TablesUpdated),
      ...p('crawl.tables_deleted', (c.TablesDeleted ?? 0) + (c.TablesDeprecated ?? 0)),
      ...p('crawl.partitions_created', c.PartitionsCreated),
    );
  }
  return points;
}

export function qualityPoints(q: QualityFacts): Point[] {
  const subject = qualitySubject(q);
  const base = { subject, at: q.at, runId: q.runId ?? q.jobRunId };
  return [
    { ...base, series: 'quality.score', value: q.score },
    { ...base, series: 'quality.rules_passed', value: q.rules.passed },
    { ...base, series: 'quality.rules_failed', value: q.rules.failed },
    { ...base, series: 'quality.rules_errored', value: q.rules.errored },
  ];
}
