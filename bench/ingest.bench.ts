// Ingestion: a large orders CSV → partitioned Parquet with metadata columns, by a Sluice job (a real
// StartJobRun: detached executor and supervisor, bookmark off, rows read counted as by default) and
// by raw DuckDB COPY … PARTITION_BY on the same file in the same process run. Each round also starts
// the job on a 2-row CSV (start-up without a large file's sniff), and both jobs again the way
// `sluice server` starts them (an executor started ahead, runs/warm-launcher.ts).
//   npm run bench ingest        MB=700 RUNS=5 by default; MEMORY=1GB sets sluice.yaml engine.memoryLimit
//   ENCRYPTION=1 adds rounds into an encrypted zone (kms.encryptedZones) against the same job into a
//   plain one, and a query over each output (the encrypted one is decrypted into the engine's scratch).
// Record modes (issue 15): each round also runs the job with --record-mode FAILFAST on the same file,
// and in PERMISSIVE (the default) on a copy where 1 % of the rows are malformed (quarantined).
// ONLY=modes runs just those three jobs a round.
// Each round runs raw COPY, then the job. The box is shared and its load swings, so the summary gives
// two ratios: the median of each round's ratio (runs made moments apart) and best against best.
// Both sides get the same DuckDB memory_limit: MEMORY when given, otherwise the job's default
// (runtime/run-session.ts jobMemoryLimit), which the job then uses.
// eslint-disable-next-line no-restricted-imports -- the baseline of this benchmark is DuckDB itself.
import { DuckDBInstance } from '@duckdb/node-api';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestProject } from '../test/helpers/backends.js';
import { createJob, waitForRun, waitForRunProcess, writeScript } from '../src/jobs/job-test-helpers.js';
import { readRunLog } from '../src/jobs/runner/run-log.js';
import { jobMemoryLimit } from '../src/jobs/runtime/run-session.js';
import { openSluice, type Sluice } from '../src/config/compose.js';
import type { WarmLauncher } from '../src/runs/warm-launcher.js';
import { keyRing } from '../src/security/kms/index.js';

const MB = Number(process.env.MB ?? 700);
const RUNS = Number(process.env.RUNS ?? 5);
const MEMORY = process.env.MEMORY;
const ONLY_MODES = process.env.ONLY === 'modes';
/** Every BAD_EVERY-th row of the bad-rows copy is malformed (1 %). */
const BAD_EVERY = 100;
// About 84 bytes per line.
const ROWS = Math.round((MB * 1e6) / 84);

const SCRIPT = `export default async (glue) => {
  const orders = await glue.fromPath({ paths: glue.args['--input'], format: 'csv', sourceFileColumn: '_source_file' });
  const withMeta = await orders.withMetadataColumns();
  const dated = await withMeta.withColumn('dt', "strftime(order_ts, '%Y-%m-%d')");
  await glue.write(dated, { path: glue.args['--output'], partitionKeys: ['dt'], mode: 'overwrite' });
};`;

interface JobRound {
  /** StartJobRun request → GetJobRun says SUCCEEDED (ms). */
  total: number;
  /** The executor's own duration (ms), as the run's metrics say. */
  work: number;
  /** The job's COPY: writing begins → output staged (ms). */
  copy: number;
  /** Request → the source opened (files listed; its view is registered next). */
  opened: number;
  /** Request → the COPY that reads the rows begins: start-up to first row read. */
  startup: number;
  rss: number;
}

// The raw side writes the same columns with values of the same size as the job's: a run id has
// Glue's form (jr_ and 64 hex digits), and a constant string that long costs DuckDB more than a
// short one in a partitioned COPY, which buffers every partition's rows.
const RAW_RUN_ID = `jr_${'0'.repeat(64)}`;

async function rawCopy(csv: string, out: string, memory: string): Promise<number> {
  rmSync(out, { recursive: true, force: true });
  const t = performance.now();
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: memory });
  const c = await instance.connect();
  try {
    const r =
      await c.runAndReadAll(`COPY (SELECT *, TIMESTAMP '2024-01-01 00:00:00' AS _ingest_ts, '${RAW_RUN_ID}' AS _run_id, strftime(order_ts, '%Y-%m-%d') AS dt
      FROM read_csv('${csv}', filename = '_source_file')) TO '${out}' (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (dt))`);
    if (Number(r.getRowObjects()[0].Count) !== ROWS)
      throw new Error(`raw COPY wrote ${String(r.getRowObjects()[0].Count)} rows, not ${ROWS}`);
  } finally {
    c.closeSync();
    instance.closeSync();
  }
  return performance.now() - t;
}

/** The CSV with every BAD_EVERY-th data row replaced by a row of 3 fields (of 8): returns how many. */
async function withBadRows(csv: string, out: string): Promise<number> {
  const { createReadStream, createWriteStream } = await import('node:fs');
  const { createInterface } = await import('node:readline');
  const w = createWriteStream(out);
  let n = -1;
  let bad = 0;
  for await (const line of createInterface({ input: createReadStream(csv), crlfDelay: Infinity })) {
    const malformed = ++n > 0 && n % BAD_EVERY === 0;
    if (malformed) bad++;
    if (!w.write(malformed ? `BAD-${n},broken,row\n` : `${line}\n`)) await new Promise<void>((r) => w.once('drain', () => r()));
  }
  await new Promise<void>((r) => w.end(() => r()));
  return bad;
}

async function generateCsv(csv: string): Promise<void> {
  const gen = await DuckDBInstance.create(':memory:');
  const g = await gen.connect();
  await g.run(`COPY (SELECT 'ORD-' || lpad(range::VARCHAR, 10, '0') AS order_id, (range * 7919) % 100000 AS customer_id,
      'user' || ((range * 7919) % 100000) || '@example.com' AS customer_email,
      TIMESTAMP '2024-01-01' + to_seconds((range * 37) % (90 * 86400)) AS order_ts,
      ['paid','shipped','delivered','placed'][(range % 4) + 1] AS status, ['EUR','USD','GBP'][(range % 3) + 1] AS currency,
      round(((range * 13) % 50000) / 100.0, 2) AS amount, ['DE','FR','IT','ES','GB'][(range % 5) + 1] AS country
    FROM range(${ROWS})) TO '${csv}' (HEADER)`);
  g.closeSync();
  gen.closeSync();
}

/** One StartJobRun, timed from the request to SUCCEEDED, with what its log and metrics say. */
async function runJob(
  p: Awaited<ReturnType<typeof openTestProject>>,
  job = 'ingest',
  rows = ROWS,
  sluice: Sluice = p.sluice,
): Promise<JobRound> {
  // Through `sluice server`'s launcher, a run starts once its executor is ready, as on a server that has been up a while.
  if (sluice !== p.sluice) await (sluice.services.launcher as WarmLauncher).whenReady();
  const requested = Date.now();
  const t = performance.now();
  const { JobRunId } = await sluice.call('StartJobRun', { JobName: job });
  const run = await waitForRun(sluice, job, JobRunId, undefined, 3_600_000);
  const total = performance.now() - t;
  await waitForRunProcess(sluice, JobRunId);
  if (run.JobRunState !== 'SUCCEEDED') throw new Error(`run ${run.JobRunState}: ${run.ErrorMessage}`);
  const { Metrics } = await sluice.call('GetJobRunDetails', { JobName: job, RunId: JobRunId });
  if (Metrics.rowsWritten !== rows || Metrics.rowsRead !== rows)
    throw new Error(`the job read ${Metrics.rowsRead} and wrote ${Metrics.rowsWritten} rows, not ${rows}`);
  if (Metrics.rowsInInput !== ROWS && rows !== 2)
    throw new Error(`the job accounted for ${Metrics.rowsInInput} rows in the input, not ${ROWS}`);
  const log = readRunLog(p.dir, JobRunId);
  const at = (msg: string) => Date.parse(String(log.find((l) => l.msg === msg)?.time));
  return {
    total,
    work: Metrics.durationMs,
    copy: at('output staged') - at('writing'),
    opened: at('source read') - requested,
    startup: at('writing') - requested,
    rss: Metrics.peakRssBytes,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const list = (xs: number[], f: (x: number) => string) => `[${xs.map(f).join(', ')}]`;

export default async function ingestBench(): Promise<void> {
  const p = await openTestProject('sqlite');
  try {
    const memory = MEMORY ?? jobMemoryLimit();
    if (MEMORY) {
      const yaml = join(p.dir, 'sluice.yaml');
      writeFileSync(
        yaml,
        readFileSync(yaml, 'utf8').replace(/engine:\n {2}kind: duckdb\n/, `engine:\n  kind: duckdb\n  memoryLimit: ${MEMORY}\n`),
      );
    }
    const csv = join(p.dir, 'orders.csv');
    await generateCsv(csv);
    const mb = statSync(csv).size / 1e6;
    console.log(
      `input: ${mb.toFixed(0)} MB CSV, ${ROWS.toLocaleString('en-US')} rows → Parquet partitioned by date, with _source_file, _ingest_ts, _run_id`,
    );
    // Set here (as on CI), Node reads the file at every process start: about 55 ms before a run's process runs any code.
    if (process.env.NODE_EXTRA_CA_CERTS)
      console.log(
        `NODE_EXTRA_CA_CERTS is set: every Node process (a job run's included) loads ${process.env.NODE_EXTRA_CA_CERTS} as it starts`,
      );
    console.log(
      `DuckDB memory_limit ${memory} on both sides (${MEMORY ? 'MEMORY, in sluice.yaml' : "the job engine's default"}); ${RUNS} rounds\n`,
    );

    writeScript(p.dir, 'jobs/ingest.mjs', SCRIPT);
    await createJob(p.sluice, 'ingest', 'jobs/ingest.mjs', {
      DefaultArguments: { '--input': csv, '--output': join(p.dir, 'lake/processed/orders') },
    });
    // The same job on a two-line CSV: start-up without the time DuckDB takes to sniff a large file.
    const tiny = join(p.dir, 'tiny.csv');
    writeFileSync(tiny, 'order_id,customer_id,order_ts\nORD-1,7,2024-01-01 10:00:00\nORD-2,8,2024-01-02 11:00:00\n');
    await createJob(p.sluice, 'ingest-tiny', 'jobs/ingest.mjs', {
      DefaultArguments: { '--input': tiny, '--output': join(p.dir, 'lake/processed/tiny') },
    });
    // Runs started as `sluice server` starts them: handed to an executor started ahead (runs/warm-launcher.ts).
    // Record modes: FAILFAST on the same file, PERMISSIVE on a copy with 1 % malformed rows.
    await createJob(p.sluice, 'ingest-failfast', 'jobs/ingest.mjs', {
      DefaultArguments: { '--input': csv, '--output': join(p.dir, 'lake/processed/ff'), '--record-mode': 'FAILFAST' },
    });
    const badCsv = join(p.dir, 'orders-bad.csv');
    const bad = await withBadRows(csv, badCsv);
    await createJob(p.sluice, 'ingest-bad', 'jobs/ingest.mjs', {
      DefaultArguments: { '--input': badCsv, '--output': join(p.dir, 'lake/processed/bad'), '--record-mode': 'PERMISSIVE' },
    });
    const permissive: JobRound[] = [];
    const failfast: JobRound[] = [];
    const badRows: JobRound[] = [];
    const server = await openSluice({ cwd: p.dir, warmJobs: true });
    const raw: number[] = [];
    const jobs: JobRound[] = [];
    const tinyJobs: JobRound[] = [];
    const warmJobs: JobRound[] = [];
    const warmTinyJobs: JobRound[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        failfast.push(await runJob(p, 'ingest-failfast'));
        permissive.push(await runJob(p));
        badRows.push(await runJob(p, 'ingest-bad', ROWS - bad));
        if (ONLY_MODES) continue;
        raw.push(await rawCopy(csv, join(p.dir, 'raw-out'), memory));
        jobs.push(await runJob(p));
        tinyJobs.push(await runJob(p, 'ingest-tiny', 2));
        warmJobs.push(await runJob(p, 'ingest', ROWS, server));
        warmTinyJobs.push(await runJob(p, 'ingest-tiny', 2, server));
      }
    } finally {
      await server.close();
    }

    const modeRatio = (rounds: JobRound[]) => median(rounds.map((r, i) => failfast[i].total / r.total)).toFixed(2);
    const modeRow = (what: string, target: string, value: string) => console.log(`  ${what.padEnd(66)}${target.padEnd(11)}${value}`);
    console.log(
      `\nRECORD MODES, ${RUNS} rounds (throughput ratio = FAILFAST time on the clean file / the other's time, median of the rounds' ratios)`,
    );
    modeRow(
      'FAILFAST, clean file, end to end',
      '',
      `median ${sec(median(failfast.map((r) => r.total)))}  ${list(
        failfast.map((r) => r.total),
        sec,
      )}`,
    );
    modeRow(
      'PERMISSIVE, clean file, end to end',
      '',
      `median ${sec(median(permissive.map((r) => r.total)))}  ${list(
        permissive.map((r) => r.total),
        sec,
      )}`,
    );
    modeRow(
      `PERMISSIVE, ${bad.toLocaleString('en-US')} malformed rows (1 %) quarantined`,
      '',
      `median ${sec(median(badRows.map((r) => r.total)))}  ${list(
        badRows.map((r) => r.total),
        sec,
      )}`,
    );
    modeRow('throughput ratio, PERMISSIVE / FAILFAST, clean file', '≥ 0.9', modeRatio(permissive));
    modeRow('throughput ratio, PERMISSIVE with 1 % bad rows / FAILFAST clean', '≥ 0.8', modeRatio(badRows));
    if (ONLY_MODES) return;

    const m = (k: keyof JobRound) => median(jobs.map((r) => r[k]));
    const best = (k: keyof JobRound) => Math.min(...jobs.map((r) => r[k]));
    console.log(
      `raw DuckDB COPY:  median ${sec(median(raw))} (${(mb / (median(raw) / 1000)).toFixed(1)} MB/s), best ${sec(Math.min(...raw))}  ${list(raw, sec)}`,
    );
    console.log(
      `Sluice job:       median ${sec(m('total'))} end to end, best ${sec(best('total'))}  ${list(
        jobs.map((r) => r.total),
        sec,
      )}`,
    );
    console.log(`  executor ${sec(m('work'))}, its COPY ${sec(m('copy'))} (medians); rows read taken from the write, no second scan`);
    console.log(
      `  start-up: source opened after ${m('opened')} ms, first row read (COPY begins) after ${m('startup')} ms  ${list(
        jobs.map((r) => r.startup),
        String,
      )}`,
    );

    // Per round: raw time / job time, so a slow moment of the shared box hits both sides of a ratio.
    const paired = (k: 'total' | 'work' | 'copy') => median(jobs.map((r, i) => raw[i] / r[k])).toFixed(2);
    const bestRatio = (k: 'total' | 'work' | 'copy') => (Math.min(...raw) / best(k)).toFixed(2);
    const row = (what: string, target: string, value: string) => console.log(`  ${what.padEnd(66)}${target.padEnd(11)}${value}`);
    console.log(`\nSUMMARY, ${RUNS} rounds (throughput ratio = raw DuckDB time / Sluice time; median of the rounds' ratios | best / best)`);
    row('', 'target', 'measured');
    row('throughput ratio, end to end (StartJobRun → SUCCEEDED)', '≥ 0.85', `${paired('total')} | ${bestRatio('total')}`);
    row('throughput ratio, executor (its whole run)', '', `${paired('work')} | ${bestRatio('work')}`);
    row("throughput ratio, the job's COPY alone", '', `${paired('copy')} | ${bestRatio('copy')}`);
    const startup = (what: string, rounds: JobRound[]) => {
      const ms = rounds.map((r) => r.startup);
      row(`start-up (request → first row read), ${what}`, '< 300 ms', `${median(ms)} ms | ${Math.min(...ms)} ms  ${list(ms, String)}`);
    };
    startup(`${mb.toFixed(0)} MB CSV, launched cold`, jobs);
    startup('2-row CSV, launched cold', tinyJobs);
    startup(`${mb.toFixed(0)} MB CSV, sluice server`, warmJobs);
    startup('2-row CSV, sluice server', warmTinyJobs);
    const warmRatio = median(warmJobs.map((r, i) => raw[i] / r.total)).toFixed(2);
    row('throughput ratio, end to end, sluice server', '≥ 0.85', `${warmRatio}`);
    row('peak RSS of the executor (DuckDB included), max', '< 2 GB', `${(Math.max(...jobs.map((r) => r.rss)) / 1e9).toFixed(2)} GB`);
    if (process.env.ENCRYPTION === '1') await encryptionRounds(p, csv, row);
  } finally {
    await p.cleanup();
  }
}

/**
 * The same ingestion into a plain zone and into an encrypted one (a curated zone sealed under a KMS
 * key), round by round, then one aggregate query over each output through Sluice's engine.
 */
async function encryptionRounds(
  p: Awaited<ReturnType<typeof openTestProject>>,
  csv: string,
  row: (a: string, b: string, c: string) => void,
) {
  writeFileSync(join(p.dir, '.sluice', 'master.key'), randomBytes(32).toString('hex'));
  const yaml = join(p.dir, 'sluice.yaml');
  writeFileSync(
    yaml,
    `${readFileSync(yaml, 'utf8')}kms:\n  masterKey: { file: .sluice/master.key }\n  encryptedZones: { curated: alias/bench }\n`,
  );
  const sluice = await openSluice({ cwd: p.dir, warmJobs: true });
  try {
    keyRing(p.dir, sluice.services.config).create({ alias: 'alias/bench' });
    const plainOut = join(p.dir, 'lake/processed/orders');
    const sealedOut = join(p.dir, 'lake/curated/orders');
    await createJob(sluice, 'ingest-sealed', 'jobs/ingest.mjs', { DefaultArguments: { '--input': csv, '--output': sealedOut } });
    const plain: number[] = [];
    const sealed: number[] = [];
    const qPlain: number[] = [];
    const qSealed: number[] = [];
    const query = async (path: string) => {
      const t = performance.now();
      const engine = await sluice.services.openEngine({ sandbox: true });
      try {
        await engine.registerFiles('o', { paths: [path], format: 'parquet' });
        const r = await engine.query('SELECT country, count(*) AS n, sum(amount) AS s FROM o GROUP BY country');
        if (r.rows.reduce((a, x) => a + Number(x.n), 0) !== ROWS) throw new Error(`the query over ${path} counted the wrong rows`);
      } finally {
        await engine.close();
      }
      return performance.now() - t;
    };
    for (let i = 0; i < RUNS; i++) {
      plain.push((await runJob(p, 'ingest', ROWS, sluice)).total);
      sealed.push((await runJob(p, 'ingest-sealed', ROWS, sluice)).total);
      qPlain.push(await query(plainOut));
      qSealed.push(await query(sealedOut));
    }
    const ratio = (a: number[], b: number[]) => median(a.map((x, i) => x / b[i])).toFixed(2);
    console.log(`\nencrypted zone: ingestion plain ${list(plain, sec)}, encrypted ${list(sealed, sec)}`);
    console.log(`  query plain ${list(qPlain, sec)}, encrypted ${list(qSealed, sec)}`);
    row('throughput ratio, ingestion into an encrypted zone / a plain one', '≥ 0.7', ratio(plain, sealed));
    row('throughput ratio, query over an encrypted zone / a plain one', '≥ 0.7', ratio(qPlain, qSealed));
  } finally {
    await sluice.close();
  }
}
