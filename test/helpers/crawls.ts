// Crawls in tests: in this process, and the folder trees they crawl.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { crawlNow } from '../../src/crawlers/crawl-now.js';

/** A crawl in this process (see src/crawlers/crawl-now.ts), so a test sees it end without spawning. */
export const crawlInProcess = crawlNow;

/** Writes files below root: { 'a/b.csv': 'text' }. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, body] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, body);
  }
}
