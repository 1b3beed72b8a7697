// The crawler concept's operations, and the worker that runs a crawl in the background.
import type { Operation } from '../kernel/registry.js';
import { classifierOperations } from './classifier-operations.js';
import { crawlOperations } from './crawl-operations.js';
import { crawlerOperations } from './crawler-operations.js';
import { scheduleOperations } from './schedule-operations.js';

export const crawlersOperations: Operation[] = [...crawlerOperations, ...crawlOperations, ...scheduleOperations, ...classifierOperations];

export { runCrawlWorker } from './crawl-worker.js';
export { crawlNow } from './crawl-now.js';
