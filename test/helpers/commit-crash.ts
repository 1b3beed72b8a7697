// The crash scenarios of issue 13, shared by test/e2e/commit-crash.test.ts (a few per phase, in CI)
// and bench/commit-crash.bench.ts (the long form). A job run with three kinds of output (append,
// overwrite-partitions, overwrite) is killed with SIGKILL at a named phase of its commit
// (SLUICE_CRASH_AT, runs/crash-points.ts), the job is run again, and what the project holds — rows,
// files per folder, catalog partitions, bookmark, leftover staging, scratch and commit intents —
// is compared with a clean project's after the same runs without a kill.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initProject } from '../../src/config/project.js';
import { openSluice, type Sluice } from '../../src/config/compose.js';
import { queryCatalog } from '../../src/catalog/query.js';
import { waitForRun, waitForRunProcess } from '../../src/jobs/job-test-helpers.js';
import { runCliAsync } from './cli.js';
import { pidAlive } from '../../src/runs/liveness.js';
import type { TestS3Server } from './s3-server.js';
import { PG_ADMIN_URL } from './backends.js';

async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sluice_crash_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export type Who = 'self' | 'supervisor' | 'both' | 'cli';
export type Phase = 'staged' | 'intent' | 'moving' | 'committed';
export const PHASES: Phase[] = ['staged', 'intent', 'moving', 'committed'];
export const WHO: Who[] = ['self', 'supervisor', 'both', 'cli'];

export interface CrashProject {
  dir: string;
  sluice: Sluice;
  /** Where the outputs go: the local lake or an S3 bucket. */
  out: string;
  close(): Promise<void>;
}

const JOB = `sources:
  orders: { path: data/orders, format: csv, transformationCtx: orders }
  kinds: { path: data/kinds.csv, format: csv, transformationCtx: false }
sinks:
  - { from: orders, database: lake, table: orders, path: '\${zones.processed}/orders', partitionKeys: [day] }
  - { from: orders, database: lake, table: by_kind, path: '\${zones.processed}/by_kind', partitionKeys: [kind], mode: overwrite-partitions }
  - { from: kinds, database: lake, table: kinds, path: '\${zones.processed}/kinds', mode: overwrite }
`;

export interface Backends {
  /** Outputs into a fresh bucket of this S3 server (else the local lake). */
  s3?: TestS3Server;
  /** Metadata in a fresh PostgreSQL database, dropped on close (else SQLite). */
  postgres?: boolean;
}

/** A fresh project whose job writes into the local lake or a bucket of the S3 server. */
export async function crashProject({ s3, postgres }: Backends = {}): Promise<CrashProject> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-crash-'));
  const bucket = s3 ? `crash-${Math.random().toString(36).slice(2, 10)}` : undefined;
  if (s3 && bucket) await s3.createBucket(bucket);
  const processed = bucket ? `s3://${bucket}/processed` : 'lake/processed';
  initProject(dir, { zones: { processed } });
  let yaml = readFileSync(join(dir, 'sluice.yaml'), 'utf8');
  if (s3)
    yaml += `s3:\n  endpoint: ${s3.endpoint}\n  region: ${s3.region}\n  accessKeyId: ${s3.accessKeyId}\n  secretAccessKey: ${s3.secretAccessKey}\n`;
  const db = postgres ? await createPgDatabase() : undefined;
  if (db) {
    const pgYaml = yaml.replace(/metadata:\n  kind: sqlite\n  path: .*\n/, `metadata:\n  kind: postgres\n  url: ${db.url}\n`);
    if (pgYaml === yaml) throw new Error('sluice init wrote a metadata section this helper does not recognise');
    yaml = pgYaml;
  }
  writeFileSync(join(dir, 'sluice.yaml'), yaml);
  mkdirSync(join(dir, 'data', 'orders'), { recursive: true });
  mkdirSync(join(dir, 'jobs'), { recursive: true });
  const kinds = ['a', 'b', 'c'];
  for (const f of [0, 1]) {
    const rows = Array.from({ length: 60 }, (_, i) => {
      const id = f * 60 + i;
      return `${id},2024-01-0${1 + (id % 5)},${kinds[id % 3]},${(id * 7) % 101}`;
    });
    writeFileSync(join(dir, 'data', 'orders', `part-${f}.csv`), `id,day,kind,amount\n${rows.join('\n')}\n`);
  }
  writeFileSync(join(dir, 'data', 'kinds.csv'), `kind,label\n${kinds.map((k) => `${k},kind ${k}`).join('\n')}\n`);
  writeFileSync(join(dir, 'jobs', 'ingest.yaml'), JOB);
  const sluice = await openSluice({ cwd: dir });
  await sluice.call('CreateJob', {
    Name: 'ingest',
    Role: 'sluice',
    Command: { Name: 'glueetl', ScriptLocation: 'jobs/ingest.yaml' },
    DefaultArguments: { '--job-bookmark-option': 'job-bookmark-enable' },
  });
  return {
    dir,
    sluice,
    out: processed,
    close: async () => {
      await sluice.close();
      await db?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `sluice job run ingest` as a user types it; with crash, killed at that point. Returns its run id. */
export async function runIngest(p: CrashProject, crash?: { phase: Phase; n?: number; who: Who }): Promise<string> {
  const env = crash ? { SLUICE_CRASH_AT: `${crash.phase}${crash.n ? `:${crash.n}` : ''}@${crash.who}` } : undefined;
  const r = await runCliAsync(p.dir, ['job', 'run', 'ingest', '--interval', '100'], env);
  if (!crash && r.status !== 0) throw new Error(`sluice job run failed (${r.status}): ${r.stderr}`);
  // The run that just ran is the newest (a killed CLI printed nothing).
  const { JobRuns } = await p.sluice.call('GetJobRuns', { JobName: 'ingest' });
  const id = JobRuns[0].Id as string;
  await waitForRun(p.sluice, 'ingest', id);
  await waitForRunProcess(p.sluice, id);
  // A killed supervisor's executor ends a moment later (runner/executor.ts): the kill is over, and
  // the next process may judge its commit, only when both are gone.
  const details = await p.sluice.services.store.db
    .selectFrom('job_run_details')
    .select('executor_pid')
    .where('run_id', '=', id)
    .executeTakeFirst();
  const deadline = Date.now() + 30_000;
  while (details?.executor_pid && pidAlive(details.executor_pid)) {
    if (Date.now() > deadline) throw new Error(`the executor of run ${id} is still alive`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return id;
}

export interface Snapshot {
  rows: Record<string, unknown>;
  files: Record<string, number>;
  partitions: Record<string, string[]>;
  /** The bookmark's version and how many input files it lists as read. */
  bookmark: { version: number; files: number };
  leftovers: { staging: number; scratch: string[]; intents: number };
}

/** What the project holds, in terms that do not depend on its folder or the runs' random names. */
export async function snapshot(p: CrashProject): Promise<Snapshot> {
  const q = async (sql: string) => (await queryCatalog(p.sluice.services, sql)).rows;
  const rows: Record<string, unknown> = {};
  for (const t of ['orders', 'by_kind'])
    rows[t] = await q(
      `SELECT count(*)::INTEGER AS n, count(DISTINCT id)::INTEGER AS ids, sum(amount)::INTEGER AS amount, string_agg(DISTINCT day::VARCHAR || kind, ',' ORDER BY day::VARCHAR || kind) AS keys FROM lake.${t}`,
    );
  rows.kinds = await q(`SELECT kind, label FROM lake.kinds ORDER BY kind`);
  const files: Record<string, number> = {};
  const { store, key } = p.sluice.services.storage.resolve(p.out);
  for await (const o of store.list(key.replace(/\/?$/, '/'))) {
    const folder = o.key
      .slice(key.length)
      .replace(/^\//, '')
      .replace(/\/[^/]*$/, '');
    files[folder] = (files[folder] ?? 0) + 1;
  }
  const partitions: Record<string, string[]> = {};
  for (const t of ['orders', 'by_kind']) {
    const { Partitions } = await p.sluice.call('GetPartitions', { DatabaseName: 'lake', TableName: t });
    partitions[t] = (Partitions as { Values: string[] }[]).map((x) => x.Values.join('/')).sort();
  }
  const { JobBookmarkEntry } = await p.sluice.call('GetJobBookmark', { JobName: 'ingest' });
  const state = JSON.parse(JobBookmarkEntry?.JobBookmark || '{}') as { orders?: { timestamps?: { INCLUDE_LIST?: string } } };
  const read = state.orders?.timestamps?.INCLUDE_LIST;
  const bookmark = { version: JobBookmarkEntry?.Version ?? 0, files: read ? read.split(',').length : 0 };
  const staging = await store.sweep(0);
  const scratchDir = join(p.dir, '.sluice', 'tmp', 'jobs');
  let scratch: string[] = [];
  try {
    scratch = readdirSync(scratchDir);
  } catch {
    // none
  }
  const intents = (await p.sluice.services.store.db.selectFrom('run_commits').select('run_id').execute()).length;
  return { rows, files, partitions, bookmark, leftovers: { staging, scratch, intents } };
}

/** One crash: a fresh project, the run killed at the point, then a clean rerun; its snapshot. */
export async function crashAndRerun(
  crash: { phase: Phase; n?: number; who: Who },
  backends: Backends = {},
): Promise<Snapshot & { killedState: string }> {
  const p = await crashProject(backends);
  try {
    const killed = await runIngest(p, crash);
    const { JobRun } = await p.sluice.call('GetJobRun', { JobName: 'ingest', RunId: killed });
    await runIngest(p);
    return { ...(await snapshot(p)), killedState: JobRun.JobRunState };
  } finally {
    await p.close();
  }
}

/** The reference: the same two runs without a kill. */
export async function cleanRuns(backends: Backends = {}): Promise<{ once: Snapshot; twice: Snapshot }> {
  const p = await crashProject(backends);
  try {
    await runIngest(p);
    const once = await snapshot(p);
    await runIngest(p);
    return { once, twice: await snapshot(p) };
  } finally {
    await p.close();
  }
}
