// The sandbox for user SQL (ARCHITECTURE: "external access off, only the run's own inputs
// reachable, settings locked"). DuckDB refuses allowed_* changes once external access is off, and
// any change once the configuration is locked, so the order below is the only one that works.
import { literal } from './sql-text.js';

export async function lockSandbox(run: (sql: string) => Promise<unknown>, allowed: { paths: string[]; dirs: string[] }): Promise<void> {
  // A trailing '/' makes the folder a true prefix: /data/in must not also admit /data/input-secret.
  const dirs = allowed.dirs.map((d) => (d.endsWith('/') ? d : `${d}/`));
  await run(`SET allowed_directories = ${literal(dirs)}`);
  await run(`SET allowed_paths = ${literal(allowed.paths)}`);
  await run(`SET enable_external_access = false`);
  await run(`SET lock_configuration = true`);
}
