// chDB (embedded ClickHouse) as an independent Iceberg reader. It runs in a child process whose
// working folder is the project: ClickHouse reads local files only inside its user_files_path,
// which for chDB is the working folder (and a process holds one chDB engine for good).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

// chdb is installed by .ci/run (`npm install --no-save chdb`), not by the lock file: its optional
// per-platform binaries are not all on the registry, and `npm ci` refuses a lock that lacks them.
const chdbPath = (() => {
  try {
    return createRequire(import.meta.url).resolve('chdb');
  } catch {
    return undefined;
  }
})();
/** Whether chDB is installed; the checks that read with it say so when they skip. */
export const hasChdb = chdbPath !== undefined;
if (!hasChdb) console.warn('chDB is not installed (npm install --no-save chdb@3.4.0): the independent Iceberg reads are skipped');

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
