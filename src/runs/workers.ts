// What `sluice _run <kind> <id>` can run: the background half of each Start… operation, by kind.
// Concepts add their worker here explicitly (no registration on import).
import type { Sluice } from '../config/compose.js';
import { executeJobRun, superviseJobRun } from '../jobs/index.js';
import { runEvaluation, runRecommendation } from '../quality/index.js';
import { runCrawlWorker } from '../crawlers/index.js';

export type Worker = (sluice: Sluice, id: string, args: string[]) => Promise<void>;

export const workers: Record<string, Worker> = {
  job: (sluice, id) => superviseJobRun(sluice, id),
  'job-exec': (sluice, id) => executeJobRun(sluice, id),
  'dq-evaluation': (sluice, id) => runEvaluation(sluice, id),
  'dq-recommendation': (sluice, id) => runRecommendation(sluice, id),
  crawl: (sluice, id) => runCrawlWorker(sluice, id),
};
