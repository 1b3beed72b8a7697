// chDB (embedded ClickHouse) as an independent Iceberg reader. It runs in a child process whose
// working folder is the project: ClickHouse reads local files only inside its user_files_path,
// which for chDB is the working folder (and a process holds one chDB engine for good).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const chdbPath = createRequire(import.meta.url).resolve('chdb');

/** Runs ClickHouse SQL in dir and returns the rows (JSONEachRow). Throws with ClickHouse's message. */
export function chdbQuery(dir: string, sql: string): Record<string, unknown>[] {
  const script = `const { query } = require(${JSON.stringify(chdbPath)}); process.stdout.write(query(process.argv[1], 'JSONEachRow'));`;
  const r = spawnSync(process.execPath, ['-e', script, sql], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`chDB failed: ${r.stderr.trim().split('\n').slice(0, 3).join(' ')}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
