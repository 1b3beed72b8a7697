// Ingestion: a large orders CSV → partitioned Parquet with metadata columns, by a Sluice job (a real
// StartJobRun: detached supervisor and executor, bookmark off) and by raw DuckDB COPY … PARTITION_BY
// on the same file in the same process run. Sides alternate, best of RUNS each.
//   npm run bench ingest                 (MB=700 RUNS=2 by default; set them to change)
// Reports throughput (MB/s of CSV), the ratio, the job's peak RSS (executor, DuckDB included) and
// its start-up: StartJobRun request → the executor registering the source (first read).
// eslint-disable-next-line no-restricted-imports -- the baseline of this benchmark is DuckDB itself.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestProject } from '../test/helpers/backends.js';
import { createJob, waitForRun, waitForRunProcess, writeScript } from '../src/jobs/job-test-helpers.js';
import { readRunLog } from '../src/jobs/runner/run-log.js';

const MB = Number(process.env.MB ?? 700);
const RUNS = Number(process.env.RUNS ?? 2);
/** DuckDB's memory_limit on both sides (sluice.yaml engine.memoryLimit for the job). */
const MEMORY = process.env.MEMORY ?? '1GB';
// About 84 bytes per line.
const ROWS = Math.round((MB * 1e6) / 84);

const SCRIPT = `export default async (glue) => {
  const orders = await glue.fromPath({ paths: glue.args['--input'], format: 'csv', sourceFileColumn: '_source_file' });
  const withMeta = await orders.withMetadataColumns();
  const dated = await withMeta.withColumn('dt', "strftime(order_ts, '%Y-%m-%d')");
  await glue.write(dated, { path: glue.args['--output'], partitionKeys: ['dt'], mode: 'overwrite' });
};`;

async function rawCopy(csv: string, out: string): Promise<number> {
  rmSync(out, { recursive: true, force: true });
  const t = performance.now();
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: MEMORY });
  const c = await instance.connect();
  try {
    const r = await c.runAndReadAll(`COPY (SELECT *, TIMESTAMP '2024-01-01 00:00:00' AS _ingest_ts, 'run' AS _run_id, strftime(order_ts, '%Y-%m-%d') AS dt
      FROM read_csv('${csv}', filename = '_source_file')) TO '${out}' (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (dt))`);
    if (Number(r.getRowObjects()[0].Count) !== ROWS) throw new Error(`raw COPY wrote ${String(r.getRowObjects()[0].Count)} rows, not ${ROWS}`);
  } finally {
    c.closeSync();
    instance.closeSync();
  }
  return performance.now() - t;
}

export default async function ingestBench(): Promise<void> {
  const p = await openTestProject('sqlite');
  try {
    const yaml = join(p.dir, 'sluice.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/engine:\n {2}kind: duckdb\n/, `engine:\n  kind: duckdb\n  memoryLimit: ${MEMORY}\n`));
    const csv = join(p.dir, 'orders.csv');
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
    const bytes = statSync(csv).size;
    console.log(`input: ${(bytes / 1e6).toFixed(0)} MB CSV, ${ROWS.toLocaleString('en-US')} rows; DuckDB memory_limit ${MEMORY} on both sides`);

    writeScript(p.dir, 'jobs/ingest.mjs', SCRIPT);
    await createJob(p.sluice, 'ingest', 'jobs/ingest.mjs', { DefaultArguments: { '--input': csv, '--output': join(p.dir, 'lake/processed/orders') } });
    const raw: number[] = [];
    const sluice: { total: number; work: number; copy: number; rss: number; startup: number; counted: boolean }[] = [];
    for (let i = 0; i < RUNS; i++) {
      raw.push(await rawCopy(csv, join(p.dir, 'raw-out')));
      for (const counted of [true, false]) {
        const t = performance.now();
        const requested = Date.now();
        const { JobRunId } = await p.sluice.call('StartJobRun', { JobName: 'ingest', Arguments: { '--count-input-rows': String(counted) } });
        const run = await waitForRun(p.sluice, 'ingest', JobRunId, undefined, 3_600_000);
        const total = performance.now() - t;
        await waitForRunProcess(p.sluice, JobRunId);
        if (run.JobRunState !== 'SUCCEEDED') throw new Error(`run ${run.JobRunState}: ${run.ErrorMessage}`);
        const { Metrics } = await p.sluice.call('GetJobRunDetails', { JobName: 'ingest', RunId: JobRunId });
        if (Metrics.rowsWritten !== ROWS) throw new Error(`the job wrote ${Metrics.rowsWritten} rows, not ${ROWS}`);
        const log = readRunLog(p.dir, JobRunId);
        const at = (msg: string) => Date.parse(String(log.find((l) => l.msg === msg)?.time));
        sluice.push({ total, work: Metrics.durationMs, copy: at('output staged') - at('source read'), rss: Metrics.peakRssBytes, startup: at('source read') - requested, counted });
      }
    }
    // Medians: the box is shared, so single runs swing both ways.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const base = median(raw);
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const ratio = (ms: number) => (base / ms).toFixed(2);
    console.log(`raw DuckDB COPY (median of ${raw.length}): ${s(base)}, ${(bytes / 1e6 / (base / 1000)).toFixed(1)} MB/s  [${raw.map(s).join(', ')}]`);
    for (const counted of [true, false]) {
      const runs = sluice.filter((x) => x.counted === counted);
      const m = (k: 'total' | 'work' | 'copy') => median(runs.map((x) => x[k]));
      console.log(`Sluice job, ${counted ? 'rows read counted (default)' : '--count-input-rows false'}:`);
      console.log(`   end to end ${s(m('total'))} (throughput ratio ${ratio(m('total'))}); executor ${s(m('work'))} (ratio ${ratio(m('work'))}); its COPY ${s(m('copy'))} (ratio ${ratio(m('copy'))})`);
      console.log(`   peak RSS ${(Math.max(...runs.map((x) => x.rss)) / 1e6).toFixed(0)} MB; start-up (request → first read) median ${median(runs.map((x) => x.startup))} ms`);
    }
  } finally {
    await p.cleanup();
  }
}
