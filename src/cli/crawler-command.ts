// `sluice crawler run NAME`: starts a crawl and shows its progress until it ends (the exit code says
// whether it succeeded; Ctrl-C stops it, see interrupt.ts). With --dry-run it prints what the crawl
// would change — tables and partitions to create, update or deprecate, column by column — and
// changes nothing. `sluice crawler list` and `sluice crawler show NAME`: the crawlers and their crawls.
import type { Command } from 'commander';
import { openSluice, type Sluice } from '../config/compose.js';
import { formatPlan, type PlanView } from '../crawlers/plan-view.js';
import type { Crawler, CrawlerHistory } from '../kernel/glue-types.js';
import { reportError } from './output.js';
import { formatColumns, formatTime, openCall } from './cli-call.js';
import { stopOnInterrupt } from './interrupt.js';

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
  const interrupt = stopOnInterrupt(
    `crawl ${crawlId} of crawler ${crawler}`,
    () => sluice.call('StopCrawler', { Name: crawler }),
    `sluice logs ${crawlId.slice(0, 8)} --follow`,
  );
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
        return { ...d, interrupted: interrupt.interrupted };
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  } finally {
    interrupt.dispose();
  }
}

interface ListFlags {
  json?: boolean;
  endpointUrl?: string;
}

const targetsOf = (c: Crawler) =>
  [
    ...(c.Targets?.S3Targets ?? []).map((t) => t.Path),
    ...(c.Targets?.CatalogTargets ?? []).map((t) => `catalog ${t.DatabaseName}.{${t.Tables.join(',')}}`),
  ].join(', ');
const lastCrawl = (c: Crawler) => (c.LastCrawl ? `${c.LastCrawl.Status} ${formatTime(c.LastCrawl.StartTime)}` : 'never run');

async function listCrawlers(flags: ListFlags): Promise<void> {
  const cli = await openCall(flags.endpointUrl);
  try {
    const crawlers: Crawler[] = [];
    let token: string | undefined;
    do {
      const page = await cli.call<{ Crawlers: Crawler[]; NextToken?: string }>('GetCrawlers', { NextToken: token });
      crawlers.push(...page.Crawlers);
      token = page.NextToken;
    } while (token);
    if (flags.json) return void process.stdout.write(`${JSON.stringify(crawlers, null, 2)}\n`);
    if (!crawlers.length) return void process.stdout.write('No crawlers. Create one: sluice glue create-crawler\n');
    const rows = crawlers.map((c) => [c.Name!, c.State ?? '', c.DatabaseName ?? '', targetsOf(c), lastCrawl(c)]);
    process.stdout.write(formatColumns(['NAME', 'STATE', 'DATABASE', 'TARGETS', 'LAST CRAWL (UTC)'], rows));
  } finally {
    await cli.close();
  }
}

async function showCrawler(name: string, flags: ListFlags): Promise<void> {
  const cli = await openCall(flags.endpointUrl);
  try {
    const { Crawler: c } = await cli.call<{ Crawler: Crawler }>('GetCrawler', { Name: name });
    const { Crawls } = await cli.call<{ Crawls: CrawlerHistory[] }>('ListCrawls', { CrawlerName: name, MaxResults: 5 });
    if (flags.json) return void process.stdout.write(`${JSON.stringify({ Crawler: c, Crawls }, null, 2)}\n`);
    const out = [
      `Crawler ${c.Name}${c.Description ? `: ${c.Description}` : ''} (${c.State})`,
      `  database    ${c.DatabaseName ?? ''}${c.TablePrefix ? ` · table prefix ${c.TablePrefix}` : ''}`,
      `  targets     ${targetsOf(c)}`,
      `  schedule    ${c.Schedule?.ScheduleExpression ?? 'on demand'}`,
      `  on change   update ${c.SchemaChangePolicy?.UpdateBehavior ?? ''} · delete ${c.SchemaChangePolicy?.DeleteBehavior ?? ''}`,
      '',
      Crawls.length ? "Latest crawls (sluice logs CRAWL_ID for a crawl's log):" : `No crawls yet: sluice crawler run ${name}`,
    ];
    if (Crawls.length)
      out.push(
        formatColumns(
          ['CRAWL ID', 'STATE', 'STARTED (UTC)', 'SUMMARY'],
          Crawls.map((x) => [x.CrawlId ?? '', x.State ?? '', formatTime(x.StartTime), (x.ErrorMessage ?? x.Summary ?? '').slice(0, 80)]),
        ).trimEnd(),
      );
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await cli.close();
  }
}

export function registerCrawlerCommand(program: Command): void {
  const crawler = program.command('crawler').description('Run crawlers and follow them; list and show crawlers');
  crawler
    .command('list')
    .description('List the crawlers, their targets and their last crawls')
    .option('--json', 'print the crawlers as JSON')
    .option('--endpoint-url <url>', 'list the crawlers of a Sluice server instead of the project in this folder')
    .action((flags: ListFlags) => listCrawlers(flags).catch((err) => void (process.exitCode = reportError(err))));
  crawler
    .command('show')
    .description('Show a crawler: its targets, schedule, change policy and latest crawls')
    .argument('<name>', 'the crawler')
    .option('--json', 'print the crawler and its crawls as JSON')
    .option('--endpoint-url <url>', 'ask a Sluice server instead of the project in this folder')
    .action((name: string, flags: ListFlags) => showCrawler(name, flags).catch((err) => void (process.exitCode = reportError(err))));
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
        process.exitCode = details.interrupted ? 130 : details.Crawl.State === 'COMPLETED' ? 0 : 1;
      } catch (err) {
        process.exitCode = reportError(err);
      } finally {
        await sluice?.close();
      }
    });
}
