// Queries over an encrypted zone against the same data in a plain one, without the ingestion job
// around them (the ingest bench's ENCRYPTION=1 rounds measure both, but take many minutes): orders
// written by the engine as Parquet partitioned by date into lake/processed (plain) and lake/curated
// (sealed under a KMS key), then the ingest bench's aggregate through a sandboxed engine, as
// `sluice query` runs it. Rounds alternate plain and encrypted; the ratio is the median of rounds.
//   npm run bench encrypted-query        ROWS=4000000 RUNS=5 by default
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestProject } from '../test/helpers/backends.js';
import { openSluice } from '../src/config/compose.js';
import { keyRing } from '../src/security/kms/index.js';

const ROWS = Number(process.env.ROWS ?? 4_000_000);
const RUNS = Number(process.env.RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const p = await openTestProject('sqlite');
try {
  writeFileSync(join(p.dir, '.sluice', 'master.key'), randomBytes(32).toString('hex'));
  const yaml = join(p.dir, 'sluice.yaml');
  writeFileSync(
    yaml,
    `${readFileSync(yaml, 'utf8')}kms:\n  masterKey: { file: .sluice/master.key }\n  encryptedZones: { curated: alias/bench }\n`,
  );
  const sluice = await openSluice({ cwd: p.dir });
  try {
    keyRing(p.dir, sluice.services.config).create({ alias: 'alias/bench' });
    const plain = join(p.dir, 'lake/processed/orders');
    const sealed = join(p.dir, 'lake/curated/orders');
    const data = `SELECT 'ORD-' || lpad(range::VARCHAR, 10, '0') AS order_id, (range * 7919) % 100000 AS customer_id,
      'user' || ((range * 7919) % 100000) || '@example.com' AS customer_email,
      TIMESTAMP '2024-01-01' + to_seconds((range * 37) % (90 * 86400)) AS order_ts,
      ['paid','shipped','delivered','placed'][(range % 4) + 1] AS status, round(((range * 13) % 50000) / 100.0, 2) AS amount,
      ['DE','FR','IT','ES','GB'][(range % 5) + 1] AS country, strftime(TIMESTAMP '2024-01-01' + to_seconds((range * 37) % (90 * 86400)), '%Y-%m-%d') AS dt
      FROM range(${ROWS})`;
    for (const location of [plain, sealed]) {
      const engine = await sluice.services.openEngine();
      try {
        await engine.writeParquet(data, { location, partitionBy: ['dt'] });
      } finally {
        await engine.close();
      }
    }
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
    const qPlain: number[] = [];
    const qSealed: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      qPlain.push(await query(plain));
      qSealed.push(await query(sealed));
    }
    const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
    console.log(`${ROWS.toLocaleString('en-US')} rows; query ms plain [${ms(qPlain)}], encrypted [${ms(qSealed)}]`);
    console.log(
      `throughput ratio, query over an encrypted zone / a plain one (target ≥ 0.7): ${median(qPlain.map((x, i) => x / qSealed[i])).toFixed(2)}`,
    );
  } finally {
    await sluice.close();
  }
} finally {
  await p.cleanup();
}
