// Where each run kind keeps its JSON-lines log: .sluice/logs/<folder>/<runId>.jsonl. Jobs and crawls
// already write there (src/jobs/runner/run-log.ts, src/crawlers/crawl-log.ts); every other kind gets
// its folder here, so `sluice logs RUN_ID` finds any run's log from its id alone.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const LOG_FOLDERS: Record<string, string> = {
  job: 'jobs',
  crawl: 'crawlers',
  'dq-evaluation': 'quality',
  'dq-recommendation': 'quality',
  workflow: 'workflows',
  monitoring: 'monitoring',
};

export const logsDir = (root: string) => join(root, '.sluice', 'logs');

/** The structured log of a run of this kind (whether or not it exists yet). */
export function runLogFile(root: string, kind: string, runId: string): string {
  return join(logsDir(root), LOG_FOLDERS[kind] ?? kind.replace(/[^a-z0-9-]/gi, '_'), `${safeId(runId)}.jsonl`);
}

/** Finds a run's log when its kind is unknown (a run row deleted, or a log written before its row). */
export function findRunLogFile(root: string, runId: string, kind?: string): string | undefined {
  const candidates = kind ? [runLogFile(root, kind, runId)] : [];
  for (const folder of new Set(Object.values(LOG_FOLDERS))) candidates.push(join(logsDir(root), folder, `${safeId(runId)}.jsonl`));
  // The workflow driver (src/workflows/executor/driver.ts) writes straight into the logs folder.
  candidates.push(join(logsDir(root), `${safeId(runId)}.jsonl`));
  return candidates.find((f) => existsSync(f));
}

/** Run ids come from callers: keep them from naming a file outside the logs folder. */
function safeId(runId: string): string {
  return runId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
}
