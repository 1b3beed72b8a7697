// What one crawl holds while it reads: a query engine (opened only when a Parquet file needs it) and
// a scratch folder for S3 objects DuckDB must read locally; both released by close().
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Services } from '../kernel/services.js';
import type { QueryEngine } from '../engine/query-engine.js';
import type { CrawlProgress, Unreadable } from './crawl-store.js';
import type { ScanContext } from './scan.js';

export interface CrawlSession {
  scan: Omit<ScanContext, 'customs'>;
  close(): Promise<void>;
}

export function openSession(
  services: Services,
  crawlId: string,
  progress: CrawlProgress,
  hooks: { unreadable(u: Unreadable): void; checkStop(): Promise<void> },
): CrawlSession {
  let engine: Promise<QueryEngine> | undefined;
  const scratch = join(services.root, '.sluice', 'tmp', `crawl-${crawlId}`);
  return {
    scan: {
      storage: services.storage,
      progress,
      unreadable: hooks.unreadable,
      checkStop: hooks.checkStop,
      engine: () => (engine ??= services.openEngine()),
      scratch,
    },
    async close() {
      if (engine) await (await engine.catch(() => undefined))?.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}
