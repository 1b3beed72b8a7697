// `sluice _run workflow <runId>`: the detached driver of one run when no server is running. It steps
// the run until it ends, then exits; it also exits when another process (a server that came up, an
// earlier driver) holds the run's lease, since that one drives it.
import type { Services } from '../../kernel/services.js';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execEnv } from './env.js';
import { advanceRun } from './advance.js';

/** How often the driver looks at its run; tests shorten it through SLUICE_WORKFLOW_POLL_MS. */
export const pollMs = () => Number(process.env.SLUICE_WORKFLOW_POLL_MS) || 250;

export async function driveWorkflowRun(services: Services, runId: string): Promise<void> {
  const dir = join(services.root, '.sluice', 'logs');
  mkdirSync(dir, { recursive: true });
  const log = (level: string, msg: string, extra: Record<string, unknown> = {}) =>
    appendFileSync(join(dir, `${runId}.jsonl`), `${JSON.stringify({ ts: new Date().toISOString(), level, msg, ...extra })}\n`);
  const env = execEnv(services, { log });
  for (;;) {
    const step = await advanceRun(env, runId);
    if (step !== 'active') return;
    await new Promise((r) => setTimeout(r, pollMs()));
  }
}
