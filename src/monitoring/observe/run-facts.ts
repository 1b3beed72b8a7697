// What the monitor knows about an ended run, read from the store as each concept left it: the generic
// `runs` row (its Glue document), and for job runs their details row (metrics, lineage) and the job's
// capacity. Every kind is read defensively: a kind the monitor does not know still yields its state,
// times and failure.
import type { Kysely } from 'kysely';
import type { DB, RunRow } from '../../store/schema.js';
import type { MonitoringConfig } from '../config.js';
import { dpusOf, estimateCost, type CostEstimate } from './cost.js';
import { factsOf } from '../../runs/kinds.js';
import { isFailure } from './run-states.js';

export interface JobMetrics {
  rowsRead?: number;
  rowsWritten?: number;
  rowsQuarantined?: number;
  rowsDropped?: number;
  filesRead?: number;
  bytesRead?: number;
  filesWritten?: number;
  bytesWritten?: number;
}

export interface LineageEnd {
  kind: 'table' | 'path';
  name: string;
  location?: string;
  files?: number;
}

export interface RunFacts {
  id: string;
  kind: string;
  name: string;
  state: string;
  failed: boolean;
  startedOn: number;
  completedOn: number;
  durationMs: number;
  errorMessage?: string;
  /** Job runs: Timeout in milliseconds. */
  timeoutMs?: number;
  metrics?: JobMetrics;
  lineage?: { inputs: LineageEnd[]; outputs: LineageEnd[] };
  cost?: CostEstimate;
  /** Catalog tables (database.table) the run wrote or crawled: where a schema change is looked for. */
  tables: string[];
}

const timeOf = (v: unknown): number | undefined => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
};

const parse = (s: string | null | undefined): any => {
  if (!s) return undefined;
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
};

/** How long a Glue minute lasts: the jobs concept's test hook (SLUICE_JOB_MINUTE_MS), honoured here too. */
const minuteMs = () => {
  const v = Number(process.env.SLUICE_JOB_MINUTE_MS);
  return process.env.SLUICE_JOB_MINUTE_MS && Number.isFinite(v) && v >= 0 ? v : 60_000;
};

export async function runFacts(db: Kysely<DB>, row: RunRow, cost: MonitoringConfig['cost']): Promise<RunFacts> {
  const doc = parse(row.doc) ?? {};
  const glue = factsOf(row.kind, doc);
  const startedOn = timeOf(glue.startedOn) ?? row.started_on;
  const completedOn = timeOf(glue.completedOn) ?? row.updated_on;
  const facts: RunFacts = {
    id: row.id,
    kind: row.kind,
    name: row.name,
    state: row.state,
    failed: isFailure(row.kind, row.state, doc),
    startedOn,
    completedOn,
    durationMs: Math.max(0, completedOn - startedOn),
    errorMessage: glue.errorMessage,
    tables: [],
  };
  if (row.kind === 'job') await addJobFacts(db, facts, doc, cost);
  if (row.kind === 'crawl') {
    const folders = await db
      .selectFrom('crawler_folders')
      .select(['database_name', 'table_name'])
      .where('crawler_name', '=', row.name)
      .execute();
    facts.tables = [...new Set(folders.map((f) => `${f.database_name}.${f.table_name}`))].sort();
  }
  return facts;
}

async function addJobFacts(db: Kysely<DB>, facts: RunFacts, doc: any, cost: MonitoringConfig['cost']): Promise<void> {
  if (typeof doc.Timeout === 'number') facts.timeoutMs = doc.Timeout * minuteMs();
  const details = await db.selectFrom('job_run_details').select(['metrics', 'lineage']).where('run_id', '=', facts.id).executeTakeFirst();
  facts.metrics = parse(details?.metrics);
  facts.lineage = parse(details?.lineage);
  facts.tables = [...new Set((facts.lineage?.outputs ?? []).filter((o) => o.kind === 'table').map((o) => o.name.toLowerCase()))].sort();
  const job = parse((await db.selectFrom('jobs').select('doc').where('name', '=', facts.name).executeTakeFirst())?.doc);
  facts.cost =
    typeof doc.DPUSeconds === 'number' && doc.DPUSeconds > 0
      ? {
          dpus: doc.DPUSeconds / Math.max(1, facts.durationMs / 1000),
          dpuSeconds: doc.DPUSeconds,
          cost: (doc.DPUSeconds / 3600) * cost.pricePerDpuHour,
        }
      : estimateCost(facts.durationMs, dpusOf(doc, job, cost), cost);
}
