// Each crawl's JSON-lines log: .sluice/logs/crawlers/<crawlId>.jsonl. It names every file the crawl
// could not read and why, every table it changed (with the column changes) and every warning;
// ListCrawls' Summary repeats the counts and the first unreadable files.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const crawlLogPath = (root: string, crawlId: string) => join(root, '.sluice', 'logs', 'crawlers', `${crawlId}.jsonl`);

export type CrawlLog = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

export function openCrawlLog(root: string, crawlId: string): CrawlLog {
  const path = crawlLogPath(root, crawlId);
  mkdirSync(dirname(path), { recursive: true });
  return (level, message, fields = {}) => {
    appendFileSync(path, `${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
  };
}

export function readCrawlLog(root: string, crawlId: string): Record<string, unknown>[] {
  const path = crawlLogPath(root, crawlId);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
