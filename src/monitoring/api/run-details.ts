// What GetRun shows beyond the summary, by kind: metrics, lineage (what the run read and wrote),
// what it would have cost on Glue, its alarms and quality results, and its Glue document.
import type { Services } from '../../kernel/services.js';
import type { RunRow } from '../../store/schema.js';
import { runFacts } from '../observe/run-facts.js';
import { qualityFacts } from '../observe/quality-facts.js';
import { camelKeys } from '../../kernel/key-case.js';
import { iso } from './input.js';
import { parseDoc } from './run-summary.js';

export interface LineageEnd {
  Kind: string;
  Name: string;
}

export async function runDetails(services: Services, row: RunRow) {
  const { db } = services.store;
  const doc = parseDoc(row);
  const facts = await runFacts(db, row, services.config.monitoring.cost);
  let metrics: Record<string, unknown> | undefined;
  let inputs: LineageEnd[] = [];
  let outputs: LineageEnd[] = facts.tables.map((t) => ({ Kind: 'table', Name: t }));
  if (row.kind === 'job') {
    metrics = { ...facts.metrics };
    inputs = (facts.lineage?.inputs ?? []).map((i) => ({ Kind: i.kind, Name: i.name }));
    outputs = (facts.lineage?.outputs ?? []).map((o) => ({ Kind: o.kind, Name: o.name }));
  } else if (row.kind === 'crawl') {
    // The crawl's Sluice members, under the metric names GetRun has always given them.
    metrics = { ...camelKeys<object>(doc.Counts ?? {}), filesRead: doc.Progress?.FilesRead, unreadableFiles: doc.UnreadableCount };
    const crawler = await db.selectFrom('crawlers').select('doc').where('name', '=', row.name).executeTakeFirst();
    const targets = crawler ? (JSON.parse(crawler.doc).Targets ?? {}) : {};
    inputs = (targets.S3Targets ?? []).map((t: { Path: string }) => ({ Kind: 'path', Name: t.Path }));
  } else if (row.kind === 'workflow') {
    metrics = doc.Statistics;
  }
  const table = doc.DataSource?.GlueTable;
  if (table) inputs.push({ Kind: 'table', Name: `${table.DatabaseName}.${table.TableName}` });

  const results = await db
    .selectFrom('dq_results')
    .selectAll()
    .where((eb) => eb.or([eb('run_id', '=', row.id), eb('job_run_id', '=', row.id)]))
    .orderBy('started_on')
    .execute();
  const alarms = await db.selectFrom('alarm_history').selectAll().where('run_id', '=', row.id).orderBy('at').execute();
  return {
    Metrics: metrics,
    Lineage: { Inputs: inputs, Outputs: outputs },
    Cost: facts.cost
      ? {
          Dpus: facts.cost.dpus,
          DpuSeconds: facts.cost.dpuSeconds,
          Amount: facts.cost.cost,
          Currency: services.config.monitoring.cost.currency,
        }
      : undefined,
    QualityResults: results
      .map(qualityFacts)
      .filter((q) => q !== undefined)
      .map((q) => ({ ResultId: q.resultId, Table: q.table, Ruleset: q.ruleset, Score: q.score, At: iso(q.at) })),
    AlarmTransitions: alarms.map((a) => ({
      Alarm: a.alarm,
      Subject: a.subject,
      From: a.old_state,
      To: a.new_state,
      Reason: a.reason,
      At: iso(a.at),
    })),
    Document: doc,
  };
}
