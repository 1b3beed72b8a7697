// What `sluice _run <kind> <id>` can run: the background half of each Start… operation, by kind.
// Concepts add their worker here explicitly (no registration on import). Each worker is imported
// only when its kind runs, and opens what it needs: the job workers open the project's services
// themselves (no operation registry), because a job's start-up is on the clock.
import type { Sluice } from '../kernel/services.js';

export type Worker = (id: string, args: string[]) => Promise<void>;

/** Runs fn with the whole Sluice (services and every operation), closing it afterwards. */
async function withSluice(fn: (sluice: Sluice) => Promise<void>): Promise<void> {
  const [{ openSluice }, { launchedProject }] = await Promise.all([import('../config/compose.js'), import('./launcher.js')]);
  const sluice = await openSluice({ project: launchedProject() });
  try {
    await fn(sluice);
  } finally {
    await sluice.close();
  }
}

export const workers: Record<string, Worker> = {
  job: async (id, args) => (await import('../jobs/runner/executor.js')).executeJobRun(id, args[0]),
  'job-warm': async () => (await import('../jobs/runner/warm-executor.js')).waitForJobRun(),
  'job-watch': async (id, args) =>
    (await import('../jobs/runner/supervisor.js')).superviseJobRun(id, Number(args[0]), args[1] ? Number(args[1]) : undefined),
  'dq-evaluation': (id) => withSluice(async (s) => (await import('../quality/index.js')).runEvaluation(s, id)),
  'dq-recommendation': (id) => withSluice(async (s) => (await import('../quality/index.js')).runRecommendation(s, id)),
  crawl: (id) => withSluice(async (s) => (await import('../crawlers/index.js')).runCrawlWorker(s, id)),
  workflow: (id) => withSluice(async (s) => (await import('../workflows/index.js')).driveWorkflowRun(s, id)),
};

/** `_run <kind> <id> [args…]`: what bin/sluice.js runs directly, without loading the CLI. */
export async function runWorker(argv: string[]): Promise<void> {
  const [kind, id, ...args] = argv;
  const worker = kind === undefined ? undefined : workers[kind];
  if (!worker || !id) throw new Error(`usage: sluice _run <kind> <id> [args…]; kinds: ${Object.keys(workers).join(', ')}`);
  await worker(id, args);
}
