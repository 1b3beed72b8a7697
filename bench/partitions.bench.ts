// GetPartitions latency over a 10,000-partition table, on SQLite and PostgreSQL:
//   npx tsx bench/partitions.ts [sqlite|postgres ...]
// Prints the median of several runs for a full scan (1000 per page, all pages), a selective
// Expression on the first key (pushed into SQL), a selective one on the second key (filtered in
// TypeScript over values only), and, for comparison, reading and parsing every document.
import { openTestProject, postgresAvailable, type Backend } from '../test/helpers/backends.js';

const DAYS = 100;
const BUCKETS = 100;
const RUNS = 7;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

async function bench(backend: Backend) {
  const p = await openTestProject(backend);
  try {
    const call = (op: string, input: unknown) => p.sluice.call(op, input);
    const columns = Array.from({ length: 12 }, (_, i) => ({ Name: `col_${i}`, Type: i % 2 ? 'string' : 'bigint', Comment: `column ${i}` }));
    await call('CreateDatabase', { DatabaseInput: { Name: 'bench' } });
    await call('CreateTable', {
      DatabaseName: 'bench',
      TableInput: {
        Name: 'events',
        StorageDescriptor: { Columns: columns },
        PartitionKeys: [
          { Name: 'dt', Type: 'string' },
          { Name: 'bucket', Type: 'int' },
        ],
      },
    });
    const day = (d: number) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
    const t0 = performance.now();
    for (let d = 0; d < DAYS; d++) {
      const PartitionInputList = Array.from({ length: BUCKETS }, (_, b) => ({
        Values: [day(d), String(b)],
        StorageDescriptor: { Columns: columns, Location: `s3://lake/events/dt=${day(d)}/bucket=${b}/`, InputFormat: 'parquet' },
        Parameters: { classification: 'parquet', recordCount: '1000' },
      }));
      await call('BatchCreatePartition', { DatabaseName: 'bench', TableName: 'events', PartitionInputList });
    }
    const load = performance.now() - t0;
    const ev = { DatabaseName: 'bench', TableName: 'events' };

    const fullScan = await time(async () => {
      let token: string | undefined;
      let n = 0;
      do {
        const r = await call('GetPartitions', { ...ev, MaxResults: 1000, NextToken: token });
        n += r.Partitions.length;
        token = r.NextToken;
      } while (token);
      if (n !== DAYS * BUCKETS) throw new Error(`full scan returned ${n}`);
    });
    const firstPage = await time(() => call('GetPartitions', { ...ev, MaxResults: 1000 }));
    const firstKey = await time(async () => {
      const r = await call('GetPartitions', { ...ev, Expression: `dt = '${day(42)}'` });
      if (r.Partitions.length !== BUCKETS) throw new Error('first-key filter');
    });
    const firstKeyAndRange = await time(async () => {
      const r = await call('GetPartitions', { ...ev, Expression: `dt = '${day(42)}' AND bucket BETWEEN 10 AND 19` });
      if (r.Partitions.length !== 10) throw new Error('first-key and range filter');
    });
    const secondKey = await time(async () => {
      const r = await call('GetPartitions', { ...ev, Expression: 'bucket = 7' });
      if (r.Partitions.length !== DAYS) throw new Error('second-key filter');
    });
    const allDocs = await time(async () => {
      const rows = await p.sluice.services.store.db
        .selectFrom('catalog_partitions')
        .select('doc')
        .where('table_name', '=', 'events')
        .execute();
      rows.forEach((r) => JSON.parse(r.doc));
    });
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log(`${backend}: 10,000 partitions loaded in ${(load / 1000).toFixed(1)} s (100 BatchCreatePartition calls)`);
    console.log(`  full scan, 10 pages of 1000:             ${ms(fullScan)}  (${ms(fullScan / 10)} per page)`);
    console.log(`  first page of 1000:                      ${ms(firstPage)}`);
    console.log(`  dt = '…' (first key, pushed to SQL):     ${ms(firstKey)}  → 100 partitions`);
    console.log(`  dt = '…' AND bucket BETWEEN 10 AND 19:   ${ms(firstKeyAndRange)}  → 10 partitions`);
    console.log(`  bucket = 7 (second key, values only):    ${ms(secondKey)}  → 100 partitions`);
    console.log(`  baseline: read + JSON.parse every doc:   ${ms(allDocs)}`);
  } finally {
    await p.cleanup();
  }
}

const wanted = (process.argv.slice(2).length ? process.argv.slice(2) : ['sqlite', 'postgres']) as Backend[];
for (const backend of wanted) {
  if (backend === 'postgres' && !(await postgresAvailable())) continue;
  await bench(backend);
}
