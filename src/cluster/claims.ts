// The run queue on the metadata store: a queued run is its own `runs` row (queue-launcher.ts), and a
// worker claims it by inserting its run_claims row, in one transaction that locks the candidates
// with FOR UPDATE SKIP LOCKED on PostgreSQL, so workers polling at once take different runs and never
// wait on each other. On SQLite (one machine) transactions are serialised by its write lock instead.
// The claim's primary key (run_id) makes a second claim of a run impossible, whatever the dialect.
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.js';
import { CRAWLS, JOB_RUNS, QUALITY_EVALUATIONS, QUALITY_RECOMMENDATIONS, RUN_KINDS } from '../runs/kinds.js';
import * as ledger from '../runs/ledger.js';

/** The job argument naming the labels a worker must have to run it, comma-separated. */
export const LABELS_ARG = '--worker-labels';

export interface Claim {
  runId: string;
  kind: string;
  token: string;
  /** What `sluice _run <kind> <id>` is given after the id. */
  args: string[];
}

export interface Claimer {
  id: string;
  host: string;
  labels: readonly string[];
}

/** Kinds whose runs are recorded active with no process yet while queued (quality runs, crawls). */
const UNLAUNCHED_KINDS = [CRAWLS.kind, QUALITY_EVALUATIONS.kind, QUALITY_RECOMMENDATIONS.kind];

export function requiredLabels(kind: string, doc: string): string[] {
  if (kind !== JOB_RUNS.kind) return [];
  const v = (JSON.parse(doc) as { Arguments?: Record<string, string> }).Arguments?.[LABELS_ARG];
  return v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

/** Claims up to n queued runs this worker can run, oldest first. */
export async function claimRuns(store: Store, worker: Claimer, n: number, now = Date.now()): Promise<Claim[]> {
  if (n <= 0) return [];
  return store.transaction(async (trx) => {
    const queued = () =>
      trx
        .selectFrom('runs')
        .select(['id', 'kind', 'doc'])
        .where((eb) =>
          eb.or([
            eb.and([eb('kind', '=', JOB_RUNS.kind), eb('state', '=', 'WAITING')]),
            eb.and([
              eb('kind', 'in', UNLAUNCHED_KINDS),
              eb('state', 'in', ['STARTING', 'RUNNING']),
              eb.or([eb('pid', 'is', null), eb('pid', '<=', 0)]),
            ]),
          ]),
        )
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom('run_claims').select('run_claims.run_id').whereRef('run_claims.run_id', '=', 'runs.id'))),
        )
        .orderBy('started_on')
        .orderBy('id');
    // Candidates first, unlocked (with room to pass over runs asking for labels this worker lacks);
    // then only as many as it takes are locked, so workers claiming at once do not starve each other.
    const fit = (
      await queued()
        .limit(n * 4)
        .execute()
    ).filter((r) => requiredLabels(r.kind, r.doc).every((l) => worker.labels.includes(l)));
    if (!fit.length) return [];
    let q = queued()
      .where(
        'id',
        'in',
        fit.map((r) => r.id),
      )
      .limit(n);
    if (store.kind === 'postgres') q = q.forUpdate().skipLocked();
    const out: Claim[] = [];
    for (const row of await q.execute()) {
      const token = randomBytes(12).toString('hex');
      await trx
        .insertInto('run_claims')
        .values({
          run_id: row.id,
          kind: row.kind,
          worker_id: worker.id,
          token,
          host: worker.host,
          pid: null,
          claimed_on: now,
          released_on: null,
        })
        .execute();
      let args: string[] = [];
      if (row.kind === JOB_RUNS.kind) {
        const moved = await ledger.transition<{ JobRunState?: string; Timeout?: number }>(trx, JOB_RUNS, row.id, ['WAITING'], (doc) => ({
          state: 'STARTING',
          doc: { ...doc, JobRunState: 'STARTING', LastModifiedOn: new Date(now) },
        }));
        if (!moved) {
          await trx.deleteFrom('run_claims').where('run_id', '=', row.id).execute();
          continue;
        }
        // The host that judges the run's process (jobs/runs/liveness.ts) is now the worker's.
        await trx.updateTable('job_run_details').set({ host: worker.host }).where('run_id', '=', row.id).execute();
        args = [String(moved.doc.Timeout ?? '')];
      }
      out.push({ runId: row.id, kind: row.kind, token, args });
    }
    return out;
  });
}

export async function recordClaimPid(db: Kysely<DB>, runId: string, pid: number): Promise<void> {
  await db.updateTable('run_claims').set({ pid }).where('run_id', '=', runId).execute();
}

const TERMINAL = new Set(RUN_KINDS.flatMap((k) => k.terminal.map((s) => `${k.kind}:${s}`)));

export interface HeldClaim {
  runId: string;
  kind: string;
  state: string | undefined;
  /** The process the worker started (the job executor). */
  pid: number | null;
  /** The run's own process (runs.pid: a job's supervisor), which stop signals reach. */
  runPid: number | null;
  token: string;
}

/** The worker's claims not yet released, with their run's state (undefined: the run was deleted). */
export async function heldClaims(db: Kysely<DB>, workerId: string): Promise<HeldClaim[]> {
  const rows = await db
    .selectFrom('run_claims')
    .leftJoin('runs', 'runs.id', 'run_claims.run_id')
    .select(['run_claims.run_id', 'run_claims.kind', 'run_claims.pid', 'run_claims.token', 'runs.state', 'runs.pid as run_pid'])
    .where('run_claims.worker_id', '=', workerId)
    .where('run_claims.released_on', 'is', null)
    .execute();
  return rows.map((r) => ({
    runId: r.run_id,
    kind: r.kind,
    state: r.state ?? undefined,
    pid: r.pid,
    runPid: r.run_pid ?? null,
    token: r.token,
  }));
}

export const hasEnded = (c: HeldClaim) => c.state === undefined || TERMINAL.has(`${c.kind}:${c.state}`);

export async function releaseClaim(db: Kysely<DB>, runId: string, token: string, now = Date.now()): Promise<boolean> {
  const r = await db
    .updateTable('run_claims')
    .set({ released_on: now })
    .where('run_id', '=', runId)
    .where('token', '=', token)
    .where('released_on', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
