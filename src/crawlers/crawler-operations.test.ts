// The crawler and classifier operations as Glue has them — definitions, validation, states and their
// exceptions, schedules, crawl history and metrics — on every metadata store backend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { BACKENDS, openTestProject, postgresAvailable, type TestProject } from '../../test/helpers/backends.js';
import { expectGlueError } from '../../test/helpers/expect-error.js';
import { crawlInProcess, writeTree } from '../../test/helpers/crawls.js';
import { beginCrawl } from './crawl-lifecycle.js';
import { writeCrawl } from './crawl-store.js';

const hasPg = await postgresAvailable();
const target = (path = 'lake/data') => ({ S3Targets: [{ Path: path }] });

for (const backend of BACKENDS) {
  describe.skipIf(backend === 'postgres' && !hasPg)(`crawlers on ${backend}`, () => {
    let p: TestProject;
    const call = (op: string, input: unknown) => p.sluice.call(op, input);
    beforeAll(async () => {
      p = await openTestProject(backend);
    });
    afterAll(async () => {
      await p?.cleanup();
    });

    it('creates a crawler with Glue’s defaults and reads it back', async () => {
      await call('CreateCrawler', {
        Name: 'c1',
        Role: 'arn:aws:iam::123456789012:role/glue',
        DatabaseName: 'raw',
        Targets: target(),
        Tags: { team: 'data' },
      });
      const { Crawler } = await call('GetCrawler', { Name: 'c1' });
      expect(Crawler).toMatchObject({
        Name: 'c1',
        State: 'READY',
        Version: 1,
        Classifiers: [],
        Targets: { S3Targets: [{ Path: 'lake/data', Exclusions: [] }] },
        RecrawlPolicy: { RecrawlBehavior: 'CRAWL_EVERYTHING' },
        SchemaChangePolicy: { UpdateBehavior: 'UPDATE_IN_DATABASE', DeleteBehavior: 'DEPRECATE_IN_DATABASE' },
        LineageConfiguration: { CrawlerLineageSettings: 'DISABLE' },
        CrawlElapsedTime: 0,
      });
      expect(Crawler.CreationTime).toBeInstanceOf(Date);
      await expectGlueError(
        call('CreateCrawler', { Name: 'c1', Role: 'r', Targets: target() }),
        'AlreadyExistsException',
        /already been created/,
      );
      await expectGlueError(call('GetCrawler', { Name: 'nope' }), 'EntityNotFoundException', 'Crawler nope not found.');
      expect((await call('GetTags', { ResourceArn: 'arn:aws:glue:us-east-1:123456789012:crawler/c1' })).Tags).toEqual({ team: 'data' });
    });

    it('accepts a crawler without targets, as Glue does; its crawl succeeds and writes no table', async () => {
      await call('CreateCrawler', {
        Name: 'empty',
        Role: 'r',
        DatabaseName: 'emptydb',
        Targets: { S3Targets: [], JdbcTargets: [], CatalogTargets: [] },
      });
      const crawl = await crawlInProcess(p.sluice, 'empty');
      expect(crawl.state).toBe('COMPLETED');
      expect((await call('GetCrawler', { Name: 'empty' })).Crawler.LastCrawl.Status).toBe('SUCCEEDED');
      expect((await call('GetTables', { DatabaseName: 'emptydb' })).TableList).toEqual([]);
      await call('DeleteCrawler', { Name: 'empty' });
    });

    it('refuses definitions that cannot run, saying why', async () => {
      const bad: [Record<string, unknown>, RegExp][] = [
        [{ Targets: { DynamoDBTargets: [{ Path: 'orders' }] } }, /DynamoDBTargets are not supported/],
        [{ Targets: { JdbcTargets: [{ Path: 'db/%' }] } }, /Every JdbcTarget needs a ConnectionName and a Path/],
        [{ Targets: { S3Targets: [{ Path: 'lake', SampleSize: 250 }] } }, /SampleSize must be between 1 and 249/],
        [{ Targets: { S3Targets: [{ Path: 'lake', Exclusions: ['{a,{b}}'] }] } }, /nests/],
        [{ Targets: { S3Targets: [{ Path: 'http://x/y' }] } }, /local path, file:\/\/ or s3:\/\//],
        [
          { Targets: target(), Configuration: '{"Version":1.0,"Grouping":{"TableGroupingPolicy":"Nope"}}' },
          /TableGroupingPolicy must be one of CombineCompatibleSchemas/,
        ],
        [{ Targets: target(), Configuration: '{"CrawlerOutput":{"Tablez":{}}}' }, /unknown key CrawlerOutput.Tablez/],
        [{ Targets: target(), Configuration: 'not json' }, /not JSON/],
        [{ Targets: target(), Schedule: 'cron(* * * * ? *)' }, /at most every 5 minutes/],
        [{ Targets: target(), Schedule: 'cron(0 12 * * * *)' }, /exactly one of Day-of-month and Day-of-week must be \?/],
        [{ Targets: target(), RecrawlPolicy: { RecrawlBehavior: 'CRAWL_EVENT_MODE' } }, /not supported/],
      ];
      for (const [def, message] of bad)
        await expectGlueError(call('CreateCrawler', { Name: 'bad', Role: 'r', ...def }), 'InvalidInputException', message);
      await expectGlueError(call('GetCrawler', { Name: 'bad' }), 'EntityNotFoundException');
    });

    it('lists, batch-gets, updates and deletes crawlers', async () => {
      await call('CreateCrawler', { Name: 'c2', Role: 'r', Targets: target(), Tags: { team: 'ops' } });
      expect((await call('ListCrawlers', {})).CrawlerNames).toEqual(['c1', 'c2']);
      expect((await call('ListCrawlers', { Tags: { team: 'ops' } })).CrawlerNames).toEqual(['c2']);
      const page = await call('GetCrawlers', { MaxResults: 1 });
      expect(page.Crawlers.map((c: any) => c.Name)).toEqual(['c1']);
      expect((await call('GetCrawlers', { NextToken: page.NextToken })).Crawlers.map((c: any) => c.Name)).toEqual(['c2']);
      const batch = await call('BatchGetCrawlers', { CrawlerNames: ['c2', 'ghost'] });
      expect(batch.Crawlers.map((c: any) => c.Name)).toEqual(['c2']);
      expect(batch.CrawlersNotFound).toEqual(['ghost']);
      await call('UpdateCrawler', { Name: 'c2', Description: 'nightly', TablePrefix: 'raw_' });
      const { Crawler } = await call('GetCrawler', { Name: 'c2' });
      expect(Crawler).toMatchObject({
        Description: 'nightly',
        TablePrefix: 'raw_',
        Version: 2,
        Targets: { S3Targets: [{ Path: 'lake/data' }] },
      });
      await call('CreateCrawler', {
        Name: 'inc',
        Role: 'r',
        Targets: target(),
        RecrawlPolicy: { RecrawlBehavior: 'CRAWL_NEW_FOLDERS_ONLY' },
        SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
      });
      await expectGlueError(
        call('UpdateCrawler', { Name: 'inc', Targets: target('lake/other') }),
        'InvalidInputException',
        /cannot be changed/,
      );
      await call('UpdateCrawler', { Name: 'inc', Targets: target('lake/other'), RecrawlPolicy: { RecrawlBehavior: 'CRAWL_EVERYTHING' } });
      expect((await call('GetCrawler', { Name: 'inc' })).Crawler.Targets.S3Targets[0].Path).toBe('lake/other');
      await call('DeleteCrawler', { Name: 'inc' });
      await call('DeleteCrawler', { Name: 'c2' });
      await expectGlueError(call('DeleteCrawler', { Name: 'c2' }), 'EntityNotFoundException');
    });

    it('keeps a running crawler from starting, changing or being deleted; stops it', async () => {
      await call('CreateCrawler', { Name: 'busy', Role: 'r', Targets: target() });
      const crawl = await beginCrawl(p.sluice.services.store.db, 'busy');
      // The crawl's "process" is this one: alive, so nobody reaps it.
      await writeCrawl(p.sluice.services.store.db, { ...crawl, pid: process.pid });
      expect((await call('GetCrawler', { Name: 'busy' })).Crawler.State).toBe('RUNNING');
      await expectGlueError(
        call('StartCrawler', { Name: 'busy' }),
        'CrawlerRunningException',
        'Crawler with name busy has already started',
      );
      await expectGlueError(call('UpdateCrawler', { Name: 'busy', Description: 'x' }), 'CrawlerRunningException');
      await expectGlueError(call('DeleteCrawler', { Name: 'busy' }), 'CrawlerRunningException');
      await call('StopCrawler', { Name: 'busy' });
      expect((await call('GetCrawler', { Name: 'busy' })).Crawler.State).toBe('STOPPING');
      await expectGlueError(call('StopCrawler', { Name: 'busy' }), 'CrawlerStoppingException');
    });

    it('ends a crawl whose process died: FAILED, or CANCELLED when a stop was asked for', async () => {
      await call('CreateCrawler', { Name: 'orphan', Role: 'r', Targets: target() });
      const crawl = await beginCrawl(p.sluice.services.store.db, 'orphan');
      await writeCrawl(p.sluice.services.store.db, { ...crawl, pid: 2 ** 22 + 12345 });
      const { Crawler } = await call('GetCrawler', { Name: 'orphan' });
      expect(Crawler.State).toBe('READY');
      expect(Crawler.LastCrawl).toMatchObject({
        Status: 'FAILED',
        ErrorMessage: expect.stringMatching(/ended without recording a result/),
      });
      await expectGlueError(
        call('StopCrawler', { Name: 'orphan' }),
        'CrawlerNotRunningException',
        "Crawler with name orphan isn't running",
      );
      const { Crawls } = await call('ListCrawls', { CrawlerName: 'orphan' });
      expect(Crawls[0]).toMatchObject({ CrawlId: crawl.crawlId, State: 'FAILED', LogGroup: '/aws-glue/crawlers', LogStream: 'orphan' });
    });

    it('runs crawls, lists them with filters, and reports metrics', async () => {
      writeTree(join(p.dir, 'lake', 'm'), { 'a/x.csv': 'id,v\n1,2\n', 'b/x.json': '{"k":1}' });
      await call('CreateCrawler', { Name: 'metrics', Role: 'r', DatabaseName: 'mdb', Targets: target('lake/m') });
      const first = await crawlInProcess(p.sluice, 'metrics');
      const second = await crawlInProcess(p.sluice, 'metrics');
      expect([first.state, second.state]).toEqual(['COMPLETED', 'COMPLETED']);
      const all = (await call('ListCrawls', { CrawlerName: 'metrics' })).Crawls;
      expect(all.map((c: any) => c.CrawlId)).toEqual([second.crawlId, first.crawlId]);
      const one = await call('ListCrawls', {
        CrawlerName: 'metrics',
        Filters: [{ FieldName: 'CRAWL_ID', FilterOperator: 'EQ', FieldValue: first.crawlId }],
      });
      expect(one.Crawls.map((c: any) => c.CrawlId)).toEqual([first.crawlId]);
      const late = await call('ListCrawls', {
        CrawlerName: 'metrics',
        Filters: [{ FieldName: 'START_TIME', FilterOperator: 'GT', FieldValue: String(first.startTime) }],
      });
      expect(late.Crawls.map((c: any) => c.CrawlId)).toEqual([second.crawlId]);
      expect(JSON.parse(all[1].Summary)).toEqual({ TABLE: { ADD: { Count: 2 } } });
      const paged = await call('ListCrawls', { CrawlerName: 'metrics', MaxResults: 1 });
      expect(paged.Crawls.map((c: any) => c.CrawlId)).toEqual([second.crawlId]);
      expect((await call('ListCrawls', { CrawlerName: 'metrics', NextToken: paged.NextToken })).Crawls.map((c: any) => c.CrawlId)).toEqual([
        first.crawlId,
      ]);
      expect(
        (
          await call('ListCrawls', {
            CrawlerName: 'metrics',
            Filters: [{ FieldName: 'STATE', FilterOperator: 'NE', FieldValue: 'COMPLETED' }],
          })
        ).Crawls,
      ).toEqual([]);
      await expectGlueError(
        call('ListCrawls', { CrawlerName: 'ghost' }),
        'EntityNotFoundException',
        'Crawler entry with name ghost does not exist',
      );
      await expectGlueError(
        call('ListCrawls', { CrawlerName: 'metrics', Filters: [{ FieldName: 'STATE', FilterOperator: 'LT', FieldValue: 'RUNNING' }] }),
        'InvalidInputException',
        'Only EQ or NE operator is allowed for field : STATE',
      );
      await expectGlueError(
        call('ListCrawls', { CrawlerName: 'metrics', Filters: [{ FieldName: 'CRAWL_ID', FilterOperator: 'NE' }] }),
        'InvalidInputException',
        'Invalid Filter Provided: FieldName: CRAWL_ID, FilterOperator: NE, FieldValue: null',
      );
      const [m] = (await call('GetCrawlerMetrics', { CrawlerNameList: ['metrics'] })).CrawlerMetricsList;
      expect(m).toMatchObject({ CrawlerName: 'metrics', StillEstimating: false, TablesCreated: 0, TablesUpdated: 0, TimeLeftSeconds: 0 });
      expect(m.LastRuntimeSeconds).toBeGreaterThan(0);
      expect(m.MedianRuntimeSeconds).toBeGreaterThan(0);
      expect((await call('GetCrawler', { Name: 'metrics' })).Crawler.LastCrawl).toMatchObject({
        Status: 'SUCCEEDED',
        MessagePrefix: second.crawlId,
      });
      const details = await call('GetCrawlDetails', { CrawlerName: 'metrics', IncludeLog: true });
      expect(details.Progress).toMatchObject({ phase: 'done', filesRead: 2, tables: 2 });
      expect(details.Log.some((e: any) => /succeeded/.test(e.message))).toBe(true);
    });

    it('keeps schedules: update, start and stop, with Glue’s exceptions', async () => {
      await call('CreateCrawler', { Name: 'sched', Role: 'r', Targets: target() });
      await expectGlueError(call('StartCrawlerSchedule', { CrawlerName: 'sched' }), 'NoScheduleException');
      await expectGlueError(call('StopCrawlerSchedule', { CrawlerName: 'sched' }), 'SchedulerNotRunningException');
      await call('UpdateCrawlerSchedule', { CrawlerName: 'sched', Schedule: 'cron(15 12 * * ? *)' });
      expect((await call('GetCrawler', { Name: 'sched' })).Crawler.Schedule).toEqual({
        ScheduleExpression: 'cron(15 12 * * ? *)',
        State: 'SCHEDULED',
      });
      await expectGlueError(call('StartCrawlerSchedule', { CrawlerName: 'sched' }), 'SchedulerRunningException');
      await call('StopCrawlerSchedule', { CrawlerName: 'sched' });
      expect((await call('GetCrawler', { Name: 'sched' })).Crawler.Schedule.State).toBe('NOT_SCHEDULED');
      await call('StartCrawlerSchedule', { CrawlerName: 'sched' });
      expect((await call('GetCrawler', { Name: 'sched' })).Crawler.Schedule.State).toBe('SCHEDULED');
      await expectGlueError(
        call('UpdateCrawlerSchedule', { CrawlerName: 'sched', Schedule: 'every day' }),
        'InvalidInputException',
        /cron/,
      );
      await expectGlueError(
        call('UpdateCrawlerSchedule', { CrawlerName: 'ghost', Schedule: 'cron(0 1 * * ? *)' }),
        'EntityNotFoundException',
      );
    });

    it('creates, reads, updates and deletes classifiers of the four kinds', async () => {
      await call('CreateClassifier', { GrokClassifier: { Name: 'g', Classification: 'app', GrokPattern: '%{WORD:w}' } });
      await call('CreateClassifier', { XMLClassifier: { Name: 'x', Classification: 'xml', RowTag: 'row' } });
      await call('CreateClassifier', { JsonClassifier: { Name: 'j', JsonPath: '$[*]' } });
      await call('CreateClassifier', {
        CsvClassifier: {
          Name: 'c',
          Delimiter: ';',
          ContainsHeader: 'PRESENT',
          CustomDatatypeConfigured: true,
          CustomDatatypes: ['DATE', 'INT'],
        },
      });
      const g = (await call('GetClassifier', { Name: 'g' })).Classifier.GrokClassifier;
      expect(g).toMatchObject({ Name: 'g', Classification: 'app', GrokPattern: '%{WORD:w}', Version: 1 });
      expect(g.CreationTime).toBeInstanceOf(Date);
      const all = (await call('GetClassifiers', {})).Classifiers.map((c: any) => Object.keys(c)[0]);
      expect(all).toEqual(['CsvClassifier', 'GrokClassifier', 'JsonClassifier', 'XMLClassifier']);
      await call('UpdateClassifier', { CsvClassifier: { Name: 'c', Delimiter: '|' } });
      expect((await call('GetClassifier', { Name: 'c' })).Classifier.CsvClassifier).toMatchObject({
        Delimiter: '|',
        ContainsHeader: 'PRESENT',
        Version: 2,
      });
      await expectGlueError(
        call('UpdateClassifier', { JsonClassifier: { Name: 'c', JsonPath: '$' } }),
        'InvalidInputException',
        /is a CsvClassifier/,
      );
      await expectGlueError(call('CreateClassifier', { JsonClassifier: { Name: 'g', JsonPath: '$' } }), 'AlreadyExistsException');
      await expectGlueError(
        call('CreateClassifier', { GrokClassifier: { Name: 'g2', Classification: 'a', GrokPattern: '%{NOPE:x}' } }),
        'InvalidInputException',
        /not defined/,
      );
      await expectGlueError(
        call('CreateClassifier', { JsonClassifier: { Name: 'j2', JsonPath: '$..a' } }),
        'InvalidInputException',
        /recursive descent/,
      );
      await expectGlueError(
        call('CreateClassifier', { CsvClassifier: { Name: 'c2', Delimiter: '"' } }),
        'InvalidInputException',
        /must differ/,
      );
      await expectGlueError(
        call('CreateClassifier', { XMLClassifier: { Name: 'x2', Classification: 'xml', RowTag: '<row>' } }),
        'InvalidInputException',
        /angle brackets/,
      );
      await expectGlueError(call('CreateClassifier', {}), 'InvalidInputException', /exactly one/);
      await call('DeleteClassifier', { Name: 'x' });
      await expectGlueError(call('GetClassifier', { Name: 'x' }), 'EntityNotFoundException', 'Classifier x does not exist');
      await expectGlueError(call('DeleteClassifier', { Name: 'x' }), 'EntityNotFoundException');
    });
  });
}
