// What `sluice _run <kind> <id>` can run: the background half of each Start… operation, by kind.
// Concepts add their worker here explicitly (no registration on import). Each worker is imported
// only when its kind runs. Workers take the project's Services (no composed Sluice): a worker that
// needs another concept calls it through the registry (workflows/glue-call.ts). The job workers
// open the services themselves, because a job's start-up is on the clock.
import type { Services } from '../kernel/services.js';

export type Worker = (id: string, args: string[]) => Promise<void>;

/** Runs fn with the project's services, closing them afterwards. */
async function withServices(fn: (services: Services) => Promise<void>): Promise<void> {
  const [{ openServices }, { launchedProject }] = await Promise.all([import('../config/compose.js'), import('./launcher.js')]);
  const opened = await openServices({ project: launchedProject() });
  try {
    await fn(opened.services);
  } finally {
    await opened.close();
  }
}

export const workers: Record<string, Worker> = {
  job: async (id, args) => (await import('../jobs/runner/executor.js')).executeJobRun(id, args[0]),
  'job-warm': async () => (await import('../jobs/runner/warm-executor.js')).waitForJobRun(),
  'job-watch': async (id, args) =>
    (await import('../jobs/runner/supervisor.js')).superviseJobRun(id, Number(args[0]), args[1] ? Number(args[1]) : undefined),
  'dq-evaluation': (id) => withServices(async (s) => (await import('../quality/index.js')).runEvaluation(s, id)),
  'dq-recommendation': (id) => withServices(async (s) => (await import('../quality/index.js')).runRecommendation(s, id)),
  crawl: (id) => withServices(async (s) => (await import('../crawlers/index.js')).runCrawlWorker(s, id)),
  workflow: (id) => withServices(async (s) => (await import('../workflows/index.js')).driveWorkflowRun(s, id)),
};

/** `_run <kind> <id> [args…]`: what bin/sluice.js runs directly, without loading the CLI. */
export async function runWorker(argv: string[]): Promise<void> {
  const [kind, id, ...args] = argv;
  const worker = kind === undefined ? undefined : workers[kind];
  if (!worker || !id) throw new Error(`usage: sluice _run <kind> <id> [args…]; kinds: ${Object.keys(workers).join(', ')}`);
  await worker(id, args);
}
