// `sluice crawler run` and the crawler operations as a user runs them: real processes, the crawl in
// its own detached process, a real project folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/crawls.js';
import { expectGlueError } from '../helpers/expect-error.js';
import { openSluice } from '../../src/config/compose.js';

let dir: string;
const glue = (...args: string[]) => runCli(dir, ['glue', ...args]);
const json = (...args: string[]) => {
  const r = glue(...args);
  expect(r.stderr).toBe('');
  return r.stdout ? JSON.parse(r.stdout) : {};
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-crawler-cli-'));
  expect(runCli(dir, ['init']).status).toBe(0);
  writeTree(join(dir, 'lake', 'raw'), {
    'orders/dt=2024-01-01/a.json': '{"order_id":1,"email":"a@x.org","amount":2.5}\n{"order_id":2,"email":"b@x.org","amount":3}\n',
    'orders/dt=2024-01-02/a.json': '{"order_id":3,"email":"c@x.org","amount":4.25}\n',
    'customers/c.csv': 'id,name,joined\n1,ann,2024-01-01\n2,bob,2024-01-02\n',
    'customers/broken.json': '{"oops":',
  });
  json(
    'create-crawler',
    '--name',
    'raw',
    '--role',
    'service-role/glue',
    '--database-name',
    'raw',
    '--targets',
    '{"S3Targets":[{"Path":"lake/raw"}]}',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sluice crawler run', () => {
  it('--dry-run prints the plan and changes nothing', () => {
    const r = runCli(dir, ['crawler', 'run', 'raw', '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Dry run of crawler raw into database raw. Nothing was changed.');
    expect(r.stdout).toContain('CREATE table raw.orders  (lake/raw/orders/)');
    expect(r.stdout).toMatch(/\+ amount double/);
    expect(r.stdout).toContain('partitions: 2 to create, 0 to update, 0 to delete');
    expect(r.stdout).toMatch(/lake\/raw\/customers\/broken\.json: /);
    expect(glue('get-tables', '--database-name', 'raw').status).toBe(254);
  });

  it('runs the crawl in the background and shows its progress until it ends', () => {
    const r = runCli(dir, ['crawler', 'run', 'raw', '--interval', '50']);
    expect(r.status).toBe(0);
    const [crawlId] = r.stdout.split('\n');
    expect(crawlId).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.stderr).toMatch(/^RUNNING\s/m);
    expect(r.stderr).toMatch(/^COMPLETED\s+\S+s\s+done\s+4 files listed, 4\/4 read, 2 tables$/m);
    expect(r.stdout).toContain(`Crawl ${crawlId} COMPLETED: tables 2 created, 0 updated`);
    expect(r.stdout).toContain('1 file(s) could not be read and were left out:');
    const tables = json('get-tables', '--database-name', 'raw').TableList;
    expect(tables.map((t: any) => t.Name)).toEqual(['customers', 'orders']);
    const crawler = json('get-crawler', '--name', 'raw').Crawler;
    expect(crawler.State).toBe('READY');
    expect(crawler.LastCrawl.Status).toBe('SUCCEEDED');
    const crawls = json('list-crawls', '--crawler-name', 'raw').Crawls;
    expect(crawls[0]).toMatchObject({ CrawlId: crawlId, State: 'COMPLETED' });
    const q = runCli(dir, ['query', 'SELECT dt, count(*) AS n FROM raw.orders GROUP BY dt ORDER BY dt', '--json']);
    expect(JSON.parse(q.stdout)).toEqual([
      { dt: '2024-01-01', n: 2 },
      { dt: '2024-01-02', n: 1 },
    ]);
  });

  it('stops a crawl with StopCrawler: CANCELLED, nothing written', async () => {
    writeTree(join(dir, 'lake', 'big'), { 'part=1/a.csv': 'id,v\n1,x\n', 'part=2/a.csv': 'id,v\n2,y\n' });
    json('create-crawler', '--name', 'big', '--role', 'r', '--database-name', 'big', '--targets', '{"S3Targets":[{"Path":"lake/big"}]}');
    // Started and stopped from this process, within milliseconds: the crawl's own process is still
    // starting up when the stop arrives, and must notice it and end CANCELLED having written nothing.
    const sluice = await openSluice({ cwd: dir });
    try {
      await sluice.call('StartCrawler', { Name: 'big' });
      await sluice.call('StopCrawler', { Name: 'big' });
      await expectGlueError(
        sluice.call('StartCrawler', { Name: 'big' }),
        'CrawlerRunningException',
        'Crawler with name big has already started',
      );
    } finally {
      await sluice.close();
    }
    let crawler;
    for (let i = 0; i < 100; i++) {
      crawler = json('get-crawler', '--name', 'big').Crawler;
      if (crawler.State === 'READY') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(crawler.State).toBe('READY');
    expect(crawler.LastCrawl.Status).toBe('CANCELLED');
    expect(json('list-crawls', '--crawler-name', 'big').Crawls[0].State).toBe('STOPPED');
    expect(glue('get-tables', '--database-name', 'big').status).toBe(254);
    const stopped = glue('stop-crawler', '--name', 'big');
    expect(stopped.stderr).toContain(
      "An error occurred (CrawlerNotRunningException) when calling the StopCrawler operation: Crawler with name big isn't running",
    );
  });

  it('names a target that does not exist: a warning in the crawl, an error in --dry-run', () => {
    const targets = '{"S3Targets":[{"Path":"lake/raw/customers"},{"Path":"lake/nope"}]}';
    json('create-crawler', '--name', 'typo', '--role', 'r', '--database-name', 'typo', '--targets', targets);
    const dry = runCli(dir, ['crawler', 'run', 'typo', '--dry-run']);
    expect(dry.status).toBe(254);
    expect(dry.stderr).toContain(
      'An error occurred (EntityNotFoundException): Target lake/nope of crawler typo does not exist: nothing is stored there',
    );
    const r = runCli(dir, ['crawler', 'run', 'typo', '--interval', '50']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1 warning(s):\n  Target lake/nope does not exist: nothing is stored there');
    expect(r.stdout).toMatch(/could not be read and were left out:\n  lake\/raw\/customers\/broken\.json: /);
  });

  it('exits non-zero and says why when the crawl fails', () => {
    json(
      'create-crawler',
      '--name',
      'strict',
      '--role',
      'r',
      '--database-name',
      'strict',
      '--targets',
      '{"S3Targets":[{"Path":"lake/raw"}]}',
      '--configuration',
      '{"Version":1.0,"CrawlerOutput":{"Tables":{"TableThreshold":1}}}',
    );
    const r = runCli(dir, ['crawler', 'run', 'strict', '--interval', '50']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('FAILED');
    expect(r.stdout).toContain('Table Threshold value = 1, Tables detected - 2. The crawl wrote nothing.');
    const missing = runCli(dir, ['crawler', 'run', 'ghost']);
    expect(missing.status).toBe(254);
    expect(missing.stderr).toContain('Crawler ghost not found.');
  });
});
