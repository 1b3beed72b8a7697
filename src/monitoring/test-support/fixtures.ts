// Runs and results written into the store as the jobs, crawlers and quality concepts write them (their
// Glue documents in the generic `runs` table, job_run_details, dq_results), so each alarm rule can be
// driven through exact situations in milliseconds. The dashboard's end-to-end test uses real runs.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.js';

export interface JobRunFixture {
  job: string;
  state?: string;
  /** When the run ended (default: now). */
  endedOn?: number;
  durationMs?: number;
  timeoutMinutes?: number;
  errorMessage?: string;
  metrics?: Record<string, number>;
  outputs?: string[];
  workers?: { NumberOfWorkers: number; WorkerType: string };
}

export async function ensureJob(db: Kysely<DB>, name: string, fields: Record<string, unknown> = {}): Promise<void> {
  const now = Date.now();
  const doc = JSON.stringify({
    Name: name,
    Role: 'arn:aws:iam::123456789012:role/test',
    Command: { Name: 'glueetl', ScriptLocation: 'job.sql' },
    Timeout: 480,
    ...fields,
  });
  await db
    .insertInto('jobs')
    .values({ name, doc, run_seq: 0, created_on: now, updated_on: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ doc }))
    .execute();
}

/** A job run that ended: its runs row (the Glue JobRun) and its details row (metrics, lineage). */
export async function insertJobRun(db: Kysely<DB>, f: JobRunFixture): Promise<string> {
  const id = `jr_${randomUUID().replace(/-/g, '')}`;
  const ended = f.endedOn ?? Date.now();
  const started = ended - (f.durationMs ?? 30_000);
  const state = f.state ?? 'SUCCEEDED';
  const doc = {
    Id: id,
    JobName: f.job,
    Attempt: 0,
    JobRunState: state,
    StartedOn: new Date(started).toISOString(),
    CompletedOn: new Date(ended).toISOString(),
    LastModifiedOn: new Date(ended).toISOString(),
    ExecutionTime: Math.round((ended - started) / 1000),
    Timeout: f.timeoutMinutes ?? 480,
    ErrorMessage: f.errorMessage,
    ...f.workers,
  };
  await db
    .insertInto('runs')
    .values({ id, kind: 'job', name: f.job, state, doc: JSON.stringify(doc), pid: null, started_on: started, updated_on: ended })
    .execute();
  const lineage = {
    inputs: [{ kind: 'path', name: '/lake/raw/orders' }],
    outputs: (f.outputs ?? []).map((t) => ({ kind: 'table', name: t, location: `/lake/${t}` })),
  };
  await db
    .insertInto('job_run_details')
    .values({
      run_id: id,
      job_name: f.job,
      host: 'test',
      executor_pid: null,
      progress: '{}',
      metrics: f.metrics ? JSON.stringify(f.metrics) : null,
      lineage: JSON.stringify(lineage),
      updated_on: ended,
    })
    .execute();
  return id;
}

/** A data-quality result of a ruleset on a catalog table, as quality's history keeps it. */
export async function insertDqResult(
  db: Kysely<DB>,
  o: { table: string; ruleset: string; score: number; at?: number; pass?: number; fail?: number },
): Promise<string> {
  const [database, table] = o.table.split('.');
  const id = `dqresult-${randomUUID().replace(/-/g, '')}`;
  const at = o.at ?? Date.now();
  const rules = [...Array(o.pass ?? 0).fill('PASS'), ...Array(o.fail ?? 0).fill('FAIL')].map((Result, i) => ({
    Name: `Rule_${i}`,
    Description: 'RowCount > 0',
    Result,
  }));
  const doc = {
    ResultId: id,
    Score: o.score,
    DataSource: { GlueTable: { DatabaseName: database, TableName: table } },
    RulesetName: o.ruleset,
    StartedOn: new Date(at).toISOString(),
    RuleResults: rules,
  };
  await db
    .insertInto('dq_results')
    .values({
      result_id: id,
      source_key: `123456789012.${o.table}`,
      ruleset_name: o.ruleset,
      run_id: null,
      job_name: null,
      job_run_id: null,
      started_on: at,
      doc: JSON.stringify(doc),
    })
    .execute();
  return id;
}
