// Each run's JSON-lines log: .sluice/logs/jobs/<runId>.jsonl, appended by the supervisor and the
// executor (both small appends of whole lines, so their lines never interleave mid-line).
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const runLogPath = (root: string, runId: string) => join(root, '.sluice', 'logs', 'jobs', `${runId}.jsonl`);

export function appendRunLog(root: string, runId: string, entry: Record<string, unknown>): void {
  const path = runLogPath(root, runId);
  mkdirSync(join(path, '..'), { recursive: true });
  appendFileSync(path, `${JSON.stringify({ time: new Date().toISOString(), pid: process.pid, ...entry })}\n`);
}

/** open: turns a stored line into the line it was (opens sealed lines, security/encryption/sealed-log.ts). */
export function readRunLog(root: string, runId: string, open: (line: string) => string = (l) => l): Record<string, unknown>[] {
  const path = runLogPath(root, runId);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(open(l)) as Record<string, unknown>);
}
