// Concurrent Iceberg commits, the long count: two processes each commit ICEBERG_TRIALS (default 100)
// appends to one table, on SQLite and on PostgreSQL, and src/catalog/iceberg-concurrency.test.ts
// checks that none was lost, the snapshots form one chain and chDB reads every row.
// `npm run bench iceberg-commits -- 50` for another count.
import { spawnSync } from 'node:child_process';

export default async function run(args: string[]): Promise<void> {
  const trials = args[0] ?? process.env.ICEBERG_TRIALS ?? '100';
  const started = Date.now();
  const r = spawnSync('npx', ['vitest', 'run', 'src/catalog/iceberg-concurrency.test.ts'], {
    env: { ...process.env, ICEBERG_TRIALS: trials },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = (r.stdout + r.stderr).split('\n').filter((l) => /commits,|Tests|FAIL|✓|×/.test(l));
  console.log(lines.join('\n'));
  console.log(
    `${trials} commits per process, two processes, both backends: ${((Date.now() - started) / 1000).toFixed(1)} s, ${r.status === 0 ? 'all checks passed' : 'FAILED'}`,
  );
  if (r.status !== 0) process.exitCode = 1;
}
