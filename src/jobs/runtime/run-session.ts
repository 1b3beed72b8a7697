// Everything one run holds while its script works: its definition and arguments, the bookmark it
// read, the engine (opened on first use), the outputs staged so far and what it counted. The commit
// (commit-run.ts) turns this into visible output and a SUCCEEDED run in one step.
import { join } from 'node:path';
import { totalmem } from 'node:os';
import { readdir, rm } from 'node:fs/promises';
import type { Job, JobRun } from '../../kernel/glue-types.js';
import type { Services } from '../../kernel/services.js';
import type { ColumnInfo, QueryEngine } from '../../engine/query-engine.js';
import { bookmarkOptionOf, type BookmarkOption } from '../bookmarks/bookmark-option.js';
import {
  PLAIN,
  currentBookmark,
  stateOfRun,
  type BookmarkState,
  type CurrentBookmark,
  type StateCodec,
} from '../bookmarks/bookmark-repo.js';
import { bookmarkCodec } from '../bookmarks/bookmark-codec.js';
import { appendRunLog } from '../runner/run-log.js';
import { checkArguments, effectiveArguments } from './job-arguments.js';
import { ACTIVE_STATES } from '../runs/run-states.js';
import { emptyMetrics, type Lineage, type RunMetrics } from './run-metrics.js';
import type { ReadSource } from './input-accounting.js';
import type { RoleBounds, RunEncryption } from '../../security/services.js';

export type WriteMode = 'append' | 'overwrite' | 'overwrite-partitions';

/** A write whose files sit in the run's scratch folder until the commit moves them into place. */
export interface PendingOutput {
  /** Project-relative folder holding the written files. */
  scratch: string;
  location: string;
  table?: { database: string; name: string };
  mode: WriteMode;
  partitionKeys: string[];
  columns: ColumnInfo[];
  rows: number;
  files: { path: string; size: number }[];
  quarantine?: boolean;
}

export class RunSession {
  readonly args: Record<string, string>;
  readonly bookmarkOption: BookmarkOption;
  readonly startTime = Date.now();
  readonly metrics: RunMetrics = emptyMetrics();
  readonly lineage: Lineage = { inputs: [], outputs: [] };
  readonly outputs: PendingOutput[] = [];
  /** New bookmark state per transformation_ctx, saved only if the script calls commit(). */
  readonly bookmarkUpdates: BookmarkState = {};
  commitRequested = false;
  /** Views of quarantined rows (with a __reason column), written at the end of the run. */
  readonly quarantines: string[] = [];
  /** Queries counting rows removed on purpose, evaluated at the end of the run. */
  readonly dropSteps: { sql: string }[] = [];
  /** Views of what each source read, counted at the end of the run for rowsRead. */
  readonly sourceViews: string[] = [];
  /** Rows of source views, known from a write of their projection (sdk/sink.ts) or counted at the end. */
  readonly sourceRows = new Map<string, number>();
  /** What each source registered and what its files held, for the accounting at the end (input-accounting.ts). */
  readonly readSources: ReadSource[] = [];
  private enginePromise?: Promise<QueryEngine>;
  private seq = 0;
  private lastProgress = 0;
  /** Filled by init(): the bookmark as this run found it, and the states pause from/to refer to. */
  bookmark!: CurrentBookmark;
  /** Filled by init(): what the run's security configuration asks (security/encryption/effect.ts). */
  encryption?: RunEncryption;
  /** Filled by init(): seals the bookmark when JobBookmarksEncryption says so. */
  bookmarkCodec: StateCodec = PLAIN;
  /**
   * The account the job belongs to (its owner row, written when it was created over the API, else
   * account.id): the catalog its sources and sinks resolve in, so another account's job never
   * reads or writes this one's tables.
   */
  accountId: string;
  /** What the job's Role lets the run read and write; undefined when the Role names no configured role. */
  readonly bounds?: RoleBounds;
  pauseRange?: { from: BookmarkState; to: BookmarkState };

  constructor(
    readonly services: Services,
    readonly job: Job,
    readonly run: JobRun,
    private readonly sandbox: boolean,
  ) {
    this.args = effectiveArguments(job, run);
    checkArguments(this.args);
    this.bounds = services.security.roleBounds(job.Role);
    this.accountId = services.config.account.id;
    this.bookmarkOption = bookmarkOptionOf(this.args);
  }

  async init(): Promise<void> {
    const { db } = this.services.store;
    await sweepScratch(this.services);
    const owner = await db
      .selectFrom('resource_owners')
      .select('account_id')
      .where('type', '=', 'job')
      .where('name', '=', this.job.Name!)
      .executeTakeFirst();
    if (owner) this.accountId = owner.account_id;
    const securityConfiguration = this.run.SecurityConfiguration ?? this.job.SecurityConfiguration;
    this.encryption = await this.services.security.runEncryption(db, this.accountId, securityConfiguration, `Job ${this.job.Name}`);
    this.bookmarkCodec = bookmarkCodec(this.services, this.job.Name!, this.encryption?.bookmarks);
    this.bookmark = await currentBookmark(db, this.job.Name!, this.bookmarkCodec);
    const { from, to } = this.bookmarkOption;
    if (from && to)
      this.pauseRange = {
        from: await stateOfRun(db, this.job.Name!, from, this.bookmarkCodec),
        to: await stateOfRun(db, this.job.Name!, to, this.bookmarkCodec),
      };
  }

  get runId(): string {
    return this.run.Id!;
  }

  /** The run's scratch folder, relative to the project (inside .sluice, so never part of the lake). */
  get scratchRoot(): string {
    return join('.sluice', 'tmp', 'jobs', this.runId);
  }

  nextName(prefix: string): string {
    return `${prefix}_${++this.seq}`;
  }

  engine(): Promise<QueryEngine> {
    this.enginePromise ??= this.services.openEngine({ sandbox: this.sandbox, defaultMemoryLimit: jobMemoryLimit() });
    return this.enginePromise;
  }

  /** Starts DuckDB now, so it comes up while the script is found and loaded; a failure surfaces at first use. */
  startEngine(): void {
    this.engine().catch(() => {});
  }

  log(level: 'debug' | 'info' | 'warn' | 'error', msg: string, extra: Record<string, unknown> = {}): void {
    const entry = { level, msg, ...extra };
    const key = this.encryption?.logs;
    appendRunLog(this.services.root, this.runId, key ? this.services.security.sealLogEntry(key, entry) : entry);
  }

  /** Records progress for `sluice job run` and the dashboard; at most every 250 ms unless forced. */
  async progress(step: string, force = false): Promise<void> {
    const now = Date.now();
    if (!force && now - this.lastProgress < 250) return;
    this.lastProgress = now;
    this.metrics.durationMs = now - this.startTime;
    this.metrics.peakRssBytes = Math.max(this.metrics.peakRssBytes, process.resourceUsage().maxRSS * 1024);
    await this.services.store.db
      .updateTable('job_run_details')
      .set({ progress: JSON.stringify({ step, ...this.metrics }), updated_on: now })
      .where('run_id', '=', this.runId)
      .execute();
  }

  async close(): Promise<void> {
    if (this.enginePromise) await (await this.enginePromise.catch(() => undefined))?.close();
    await rm(join(this.services.root, this.scratchRoot), { recursive: true, force: true });
  }
}

/**
 * DuckDB's memory_limit for a job whose sluice.yaml sets no engine.memoryLimit: the smaller of 1 GiB
 * and a fifth of the machine's memory (at least 256 MiB). DuckDB's own default (80% of memory) lets
 * one large job crowd out everything else on the machine; past the limit DuckDB spills joins, sorts
 * and aggregates to the engine's scratch folder instead. Measured with bench/ingest.bench.ts (700 MB
 * CSV → date-partitioned Parquet): the executor peaks at 1.3–1.4 GB RSS with this default, 2.2 GB
 * with an 18 GB limit, at the same throughput.
 */
export function jobMemoryLimit(): string {
  return `${Math.max(256, Math.min(1024, Math.floor(totalmem() / 5 / 2 ** 20)))}MiB`;
}

/** Scratch folders of runs that have ended (killed runs leave theirs behind). */
async function sweepScratch(services: Services): Promise<void> {
  const dir = join(services.root, '.sluice', 'tmp', 'jobs');
  const ids = await readdir(dir).catch(() => [] as string[]);
  if (!ids.length) return;
  const active = await services.store.db
    .selectFrom('runs')
    .select('id')
    .where('id', 'in', ids)
    .where('state', 'in', ACTIVE_STATES)
    .execute();
  const keep = new Set(active.map((r) => r.id));
  for (const id of ids) if (!keep.has(id)) await rm(join(dir, id), { recursive: true, force: true });
}
