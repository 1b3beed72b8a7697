// `sluice crawler run NAME`: starts a crawl and shows its progress until it ends (the exit code says
// whether it succeeded; Ctrl-C stops it). With --dry-run it prints what the crawl would change —
// tables and partitions to create, update or deprecate, column by column — and changes nothing.
import type { Command } from 'commander';
import { openSluice, type Sluice } from '../config/compose.js';
import { formatPlan, type PlanView } from '../crawlers/plan-view.js';
import { reportError } from './output.js';

interface RunFlags {
  dryRun?: boolean;
  wait: boolean;
  interval: string;
}

const count = (n: unknown) => Number(n ?? 0).toLocaleString('en-US');

export function crawlProgressLine(state: string, p: Record<string, unknown>, elapsedMs: number): string {
  const phase = String(p.phase ?? 'starting');
  return `${state.padEnd(9)} ${(elapsedMs / 1000).toFixed(1).padStart(6)}s  ${phase.padEnd(8)} ${count(p.filesListed)} files listed, ${count(p.filesRead)}/${count(p.filesToRead)} read, ${count(p.tables)} tables`;
}

/** What the crawl did, in one line per kind of change, then the files it could not read. */
export function crawlOutcome(details: Record<string, any>): string {
  const c = details.Counts ?? {};
  const lines = [
    `Crawl ${details.Crawl.CrawlId} ${details.Crawl.State}: tables ${count(c.tablesCreated)} created, ${count(c.tablesUpdated)} updated, ` +
      `${count(c.tablesDeprecated)} deprecated, ${count(c.tablesDeleted)} deleted; partitions ${count(c.partitionsCreated)} created, ` +
      `${count(c.partitionsUpdated)} updated, ${count(c.partitionsDeleted)} deleted.`,
  ];
  if (details.UnreadableCount) {
    lines.push(`${details.UnreadableCount} file(s) could not be read and were left out:`);
    for (const u of details.UnreadableFiles) lines.push(`  ${u.Path}: ${u.Reason}`);
    if (details.UnreadableCount > details.UnreadableFiles.length) lines.push(`  … see the crawl's log for the rest`);
  }
  if (details.WarningCount) {
    lines.push(`${details.WarningCount} warning(s):`);
    for (const w of details.Warnings) lines.push(`  ${w}`);
    if (details.WarningCount > details.Warnings.length) lines.push(`  … see the crawl's log for the rest`);
  }
  if (details.Crawl.ErrorMessage) lines.push(details.Crawl.ErrorMessage);
  return `${lines.join('\n')}\n`;
}

async function follow(sluice: Sluice, crawler: string, crawlId: string, intervalMs: number): Promise<Record<string, any>> {
  const tty = process.stderr.isTTY;
  const started = Date.now();
  let last = '';
  const stop = () => void sluice.call('StopCrawler', { Name: crawler }).catch(() => {});
  process.once('SIGINT', stop);
  try {
    for (;;) {
      const d = await sluice.call('GetCrawlDetails', { CrawlerName: crawler, CrawlId: crawlId });
      const state: string = d.Crawl.State;
      const line = crawlProgressLine(state, d.Progress, Date.now() - started);
      const same = (a: string, b: string) => a.replace(/^(\S+)\s+\S+s/, '$1') === b.replace(/^(\S+)\s+\S+s/, '$1');
      if (tty) process.stderr.write(`\r\x1b[K${line}`);
      else if (!same(line, last) || state !== 'RUNNING') process.stderr.write(`${line}\n`);
      last = line;
      if (state !== 'RUNNING') {
        if (tty) process.stderr.write('\n');
        return d;
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  } finally {
    process.off('SIGINT', stop);
  }
}

export function registerCrawlerCommand(program: Command): void {
  const crawler = program.command('crawler').description('Run crawlers and follow them');
  crawler
    .command('run')
    .description('Start a crawl and show its progress until it ends (--dry-run: print what it would change)')
    .argument('<name>', 'the crawler')
    .option('--dry-run', 'print the tables and partitions the crawl would create, update or deprecate, and change nothing')
    .option('--no-wait', 'print the crawl id and return at once')
    .option('--interval <ms>', 'how often progress is polled', '250')
    .action(async (name: string, flags: RunFlags) => {
      let sluice: Sluice | undefined;
      try {
        sluice = await openSluice();
        if (flags.dryRun) {
          const { Plan } = (await sluice.call('DryRunCrawler', { Name: name })) as { Plan: PlanView };
          process.stdout.write(`${formatPlan(Plan, name)}\n`);
          return;
        }
        await sluice.call('StartCrawler', { Name: name });
        const { Crawl } = await sluice.call('GetCrawlDetails', { CrawlerName: name });
        process.stdout.write(`${Crawl.CrawlId}\n`);
        if (!flags.wait) return;
        const details = await follow(sluice, name, Crawl.CrawlId, Math.max(20, Number(flags.interval) || 250));
        process.stdout.write(crawlOutcome(details));
        process.exitCode = details.Crawl.State === 'COMPLETED' ? 0 : 1;
      } catch (err) {
        process.exitCode = reportError(err);
      } finally {
        await sluice?.close();
      }
    });
}
