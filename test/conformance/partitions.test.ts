// Catalog partitions and GetPartitions' Expression, run against every MetadataStore backend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestProject, postgresAvailable, type TestProject } from '../helpers/backends.js';
import { expectGlueError } from '../helpers/expect-error.js';

const hasPg = await postgresAvailable();

const NULL = '__HIVE_DEFAULT_PARTITION__';
const columns = [
  { Name: 'id', Type: 'bigint' },
  { Name: 'amount', Type: 'decimal(10,2)' },
];
const table = (Name: string, PartitionKeys: { Name: string; Type: string }[]) => ({
  Name,
  StorageDescriptor: { Columns: columns, Location: `/lake/${Name}` },
  PartitionKeys,
});
const partitionInput = (Values: string[], extra: Record<string, unknown> = {}) => ({
  Values,
  StorageDescriptor: { Columns: columns, Location: `/lake/events/${Values.join('/')}` },
  Parameters: { source: 'test' },
  ...extra,
});
type P = { Values: string[] };
const joined = (r: { Partitions: P[] }) => r.Partitions.map((p) => p.Values.join('/'));

// region (string) × year (int) × dt (date); year 9 and 10 must sort numerically.
const EVENTS = [
  ['eu', '9', '2024-01-05'],
  ['eu', '10', '2024-02-01'],
  ['eu', '2023', '2023-12-31'],
  ['us', '9', '2024-02-01'],
  ['us', '10', '2024-01-05'],
  ['us', NULL, '2024-03-01'],
  ['us_east', '10', '2024-01-31'],
  ['US', '9', '2024-01-05'],
];

for (const backend of BACKENDS) {
  describe.skipIf(backend === 'postgres' && !hasPg)(`partitions on ${backend}`, () => {
    let p: TestProject;
    const call = (op: string, input: unknown) => p.sluice.call(op, input);
    const ev = { DatabaseName: 'lake', TableName: 'events' };
    const list = async (extra: Record<string, unknown> = {}) => joined(await call('GetPartitions', { ...ev, ...extra }));
    const where = (Expression: string) => list({ Expression });

    beforeAll(async () => {
      p = await openTestProject(backend);
      await call('CreateDatabase', { DatabaseInput: { Name: 'lake' } });
      await call('CreateTable', {
        DatabaseName: 'lake',
        TableInput: table('events', [
          { Name: 'region', Type: 'string' },
          { Name: 'year', Type: 'int' },
          { Name: 'dt', Type: 'date' },
        ]),
      });
      await call('CreateTable', { DatabaseName: 'lake', TableInput: table('daily', [{ Name: 'day', Type: 'string' }]) });
    });
    afterAll(async () => {
      await p?.cleanup();
    });

    it('creates and gets a partition, storing what was given and nothing inherited', async () => {
      await call('CreatePartition', { ...ev, PartitionInput: partitionInput(['eu', '9', '2024-01-05']) });
      const { Partition } = await call('GetPartition', { ...ev, PartitionValues: ['eu', '9', '2024-01-05'] });
      expect(Partition).toMatchObject({
        Values: ['eu', '9', '2024-01-05'],
        DatabaseName: 'lake',
        TableName: 'events',
        CatalogId: '123456789012',
        Parameters: { source: 'test' },
        StorageDescriptor: { Location: '/lake/events/eu/9/2024-01-05', Columns: columns },
      });
      expect(Partition.CreationTime).toBeInstanceOf(Date);

      await call('CreatePartition', { DatabaseName: 'LAKE', TableName: 'Daily', PartitionInput: { Values: ['2024-01-01'] } });
      const bare = (await call('GetPartition', { DatabaseName: 'lake', TableName: 'daily', PartitionValues: ['2024-01-01'] })).Partition;
      expect(bare.StorageDescriptor).toBeUndefined();
      expect(bare.Parameters).toBeUndefined();
      expect(bare.TableName).toBe('daily');
    });

    it('refuses duplicates, wrong value counts and missing tables with Glue messages', async () => {
      await expectGlueError(
        call('CreatePartition', { ...ev, PartitionInput: partitionInput(['eu', '9', '2024-01-05']) }),
        'AlreadyExistsException',
        'Partition already exists.',
      );
      await expectGlueError(
        call('CreatePartition', { ...ev, PartitionInput: partitionInput(['eu', '9']) }),
        'InvalidInputException',
        'The number of partition keys do not match the number of partition values: table events has 3 partition keys, 2 values were given.',
      );
      await expectGlueError(
        call('CreatePartition', { ...ev, PartitionInput: { Parameters: {} } }),
        'InvalidInputException',
        /Partition values are required/,
      );
      await expectGlueError(
        call('CreatePartition', { DatabaseName: 'lake', TableName: 'nope', PartitionInput: partitionInput(['x']) }),
        'EntityNotFoundException',
        'Table nope not found.',
      );
      await expectGlueError(
        call('GetPartitions', { DatabaseName: 'nodb', TableName: 'events' }),
        'EntityNotFoundException',
        'Database nodb not found.',
      );
      await expectGlueError(
        call('GetPartition', { ...ev, PartitionValues: ['eu', '9', '2099-01-01'] }),
        'EntityNotFoundException',
        'Cannot find partition.',
      );
      // A lookup with too few values finds nothing; only writes refuse them.
      await expectGlueError(call('GetPartition', { ...ev, PartitionValues: ['eu'] }), 'EntityNotFoundException', 'Cannot find partition.');
      await expectGlueError(
        call('DeletePartition', { ...ev, PartitionValues: ['eu', '9', '2099-01-01'] }),
        'EntityNotFoundException',
        'Cannot find partition.',
      );
    });

    it('takes partitions of any arity on a table with no partition keys, and its queries ignore them', async () => {
      await call('CreateTable', { DatabaseName: 'lake', TableInput: table('flat', []) });
      const flat = { DatabaseName: 'lake', TableName: 'flat' };
      await call('CreatePartition', { ...flat, PartitionInput: { Values: ['2024-01-01'] } });
      const batch = await call('BatchCreatePartition', {
        ...flat,
        PartitionInputList: [{ Values: ['a', 'b'] }, { Values: ['2024-01-01'] }],
      });
      expect(batch.Errors).toEqual([
        {
          PartitionValues: ['2024-01-01'],
          ErrorDetail: { ErrorCode: 'AlreadyExistsException', ErrorMessage: 'Partition already exists.' },
        },
      ]);
      expect(joined(await call('GetPartitions', flat))).toEqual(['2024-01-01', 'a/b']);
      expect(await call('BatchDeletePartition', { ...flat, PartitionsToDelete: [{ Values: ['a', 'b'] }] })).not.toHaveProperty('Errors');
      expect(joined(await call('GetPartitions', flat))).toEqual(['2024-01-01']);
      await call('DeleteTable', { DatabaseName: 'lake', Name: 'flat' });
    });

    it('lets exactly one of several concurrent creators of a partition win', async () => {
      const create = () => call('CreatePartition', { DatabaseName: 'lake', TableName: 'daily', PartitionInput: { Values: ['race'] } });
      const results = await Promise.allSettled([create(), create(), create()]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) {
        expect(r.reason).toMatchObject({ type: 'AlreadyExistsException', message: 'Partition already exists.' });
      }
      await call('DeletePartition', { DatabaseName: 'lake', TableName: 'daily', PartitionValues: ['race'] });
    });

    it('creates partitions in a batch, reporting each failed entry', async () => {
      const r = await call('BatchCreatePartition', {
        ...ev,
        PartitionInputList: [
          ...EVENTS.slice(1).map((v) => partitionInput(v)),
          partitionInput(['eu', '9', '2024-01-05']), // exists already
          partitionInput(['us', '9', '2024-02-01']), // twice in this batch
          partitionInput(['us']),
        ],
      });
      expect(r.Errors).toEqual([
        {
          PartitionValues: ['eu', '9', '2024-01-05'],
          ErrorDetail: { ErrorCode: 'AlreadyExistsException', ErrorMessage: 'Partition already exists.' },
        },
        {
          PartitionValues: ['us', '9', '2024-02-01'],
          ErrorDetail: { ErrorCode: 'AlreadyExistsException', ErrorMessage: 'Partition already exists.' },
        },
        {
          PartitionValues: ['us'],
          ErrorDetail: {
            ErrorCode: 'InvalidInputException',
            ErrorMessage: expect.stringMatching(/^The number of partition keys do not match/),
          },
        },
      ]);
      expect(await list()).toHaveLength(EVENTS.length);
      const tooMany = Array.from({ length: 101 }, (_, i) => partitionInput(['x', String(i), '2024-01-01']));
      await expectGlueError(
        call('BatchCreatePartition', { ...ev, PartitionInputList: tooMany }),
        'ValidationException',
        /length less than or equal to 100/,
      );
      await expectGlueError(
        call('BatchCreatePartition', { DatabaseName: 'lake', TableName: 'nope', PartitionInputList: [] }),
        'EntityNotFoundException',
        'Table nope not found.',
      );
    });

    it('orders GetPartitions by values, int keys numerically, and leaves out column schemas on request', async () => {
      expect(await list()).toEqual([
        'US/9/2024-01-05',
        'eu/9/2024-01-05',
        'eu/10/2024-02-01',
        'eu/2023/2023-12-31',
        'us/9/2024-02-01',
        'us/10/2024-01-05',
        `us/${NULL}/2024-03-01`,
        'us_east/10/2024-01-31',
      ]);
      const full = await call('GetPartitions', { ...ev, MaxResults: 1 });
      expect(full.Partitions[0].StorageDescriptor.Columns).toEqual(columns);
      const slim = await call('GetPartitions', { ...ev, MaxResults: 1, ExcludeColumnSchema: true });
      expect(slim.Partitions[0].StorageDescriptor.Columns).toBeUndefined();
      expect(slim.Partitions[0].StorageDescriptor.Location).toBe('/lake/events/US/9/2024-01-05');
    });

    it('filters by Expression on string, int and date keys', async () => {
      expect(await where("region = 'eu'")).toEqual(['eu/9/2024-01-05', 'eu/10/2024-02-01', 'eu/2023/2023-12-31']);
      expect(await where("region = 'us' AND year > 9")).toEqual(['us/10/2024-01-05']);
      expect(await where('year >= 10')).toEqual(['eu/10/2024-02-01', 'eu/2023/2023-12-31', 'us/10/2024-01-05', 'us_east/10/2024-01-31']);
      expect(await where('year < 10 AND year <> 9')).toEqual([]);
      expect(await where('year != 9 AND year <= 10')).toEqual(['eu/10/2024-02-01', 'us/10/2024-01-05', 'us_east/10/2024-01-31']);
      expect(await where("dt > '2024-01-31'")).toEqual(['eu/10/2024-02-01', 'us/9/2024-02-01', `us/${NULL}/2024-03-01`]);
      expect(await where("dt BETWEEN '2024-01-01' AND '2024-01-31' AND NOT region = 'US'")).toEqual([
        'eu/9/2024-01-05',
        'us/10/2024-01-05',
        'us_east/10/2024-01-31',
      ]);
      expect(await where("dt < '2024-1-6'")).toEqual(['US/9/2024-01-05', 'eu/9/2024-01-05', 'eu/2023/2023-12-31', 'us/10/2024-01-05']);
      expect(await where("region IN ('US', 'us_east')")).toEqual(['US/9/2024-01-05', 'us_east/10/2024-01-31']);
      expect(await where('year NOT IN (9, 10)')).toEqual(['eu/2023/2023-12-31']);
      expect(await where("region LIKE 'us%'")).toEqual([
        'us/9/2024-02-01',
        'us/10/2024-01-05',
        `us/${NULL}/2024-03-01`,
        'us_east/10/2024-01-31',
      ]);
      expect(await where("region LIKE 'u_'")).toEqual(['us/9/2024-02-01', 'us/10/2024-01-05', `us/${NULL}/2024-03-01`]);
      expect(await where('year NOT BETWEEN 9 AND 10')).toEqual(['eu/2023/2023-12-31']);
    });

    it('handles NULL partitions and AND/OR/NOT precedence in Expression', async () => {
      expect(await where('year IS NULL')).toEqual([`us/${NULL}/2024-03-01`]);
      expect(await where("region = 'us' AND year IS NOT NULL")).toEqual(['us/9/2024-02-01', 'us/10/2024-01-05']);
      expect(await where("region = 'us' AND NOT year = 9")).toEqual(['us/10/2024-01-05']);
      expect(await where("region = 'eu' OR region = 'us' AND year = 10")).toEqual([
        'eu/9/2024-01-05',
        'eu/10/2024-02-01',
        'eu/2023/2023-12-31',
        'us/10/2024-01-05',
      ]);
      expect(await where("(region = 'eu' OR region = 'us') AND year = 10")).toEqual(['eu/10/2024-02-01', 'us/10/2024-01-05']);
      expect(await where("NOT (region = 'eu' OR year = 10) AND dt >= '2024-02-01'")).toEqual(['us/9/2024-02-01']);
    });

    it('narrows equality on the first key exactly, whatever the characters of the value', async () => {
      const daily = { DatabaseName: 'lake', TableName: 'daily' };
      const days = ['2024-01-02', 'a_b', 'axb', 'A_B', '50%', '50x', 'back\\slash', 'quote"d', 'ÅÄ'];
      await call('BatchCreatePartition', { ...daily, PartitionInputList: days.map((d) => ({ Values: [d] })) });
      for (const d of days) expect(joined(await call('GetPartitions', { ...daily, Expression: `day = '${d}'` })), d).toEqual([d]);
      expect(joined(await call('GetPartitions', { ...daily, Expression: "day IN ('a_b', 'nope', '50%')" }))).toEqual(['50%', 'a_b']);
      // The same through the multi-key path (a LIKE prefix on values_key).
      await call('BatchCreatePartition', {
        ...ev,
        PartitionInputList: ['a_b', 'axb', 'A_B', 'q"\\'].map((r) => partitionInput([r, '1', '2024-01-01'])),
      });
      for (const r of ['a_b', 'A_B', 'q"\\', 'eu']) {
        const got = await where(`region = '${r}' AND year < 2000`);
        expect(got.length, r).toBeGreaterThan(0);
        expect(
          got.every((v) => v.startsWith(`${r}/`)),
          r,
        ).toBe(true);
      }
      await call('BatchDeletePartition', {
        ...ev,
        PartitionsToDelete: ['a_b', 'axb', 'A_B', 'q"\\'].map((r) => ({ Values: [r, '1', '2024-01-01'] })),
      });
    });

    it('refuses bad expressions with the problem and its position', async () => {
      await expectGlueError(where("colour = 'red'"), 'InvalidInputException', 'Invalid partition expression!');
      await expectGlueError(where("year = 'ten'"), 'InvalidInputException', /'ten' at position 8 is not an integer/);
      await expectGlueError(
        where("region = 'eu' AND"),
        'InvalidInputException',
        /^Unsupported expression 'region = 'eu' AND': expected a partition key or a value at position 18/,
      );
      await expectGlueError(where("year LIKE '2%'"), 'InvalidInputException', /Integral data type doesn't support operation 'LIKE'/);
      await expectGlueError(where("dt = '2024-02-30'"), 'InvalidInputException', /is not a date/);
    });

    it('pages with a key-based token that survives partitions added and removed between pages', async () => {
      const first = await call('GetPartitions', { ...ev, MaxResults: 3 });
      expect(joined(first)).toEqual(['US/9/2024-01-05', 'eu/9/2024-01-05', 'eu/10/2024-02-01']);
      // Before the cursor (must not shift the next page), after it (must appear), and a deletion.
      await call('CreatePartition', { ...ev, PartitionInput: partitionInput(['eu', '1', '2024-01-01']) });
      await call('CreatePartition', { ...ev, PartitionInput: partitionInput(['eu', '11', '2024-01-01']) });
      await call('DeletePartition', { ...ev, PartitionValues: ['eu', '2023', '2023-12-31'] });
      const second = await call('GetPartitions', { ...ev, MaxResults: 3, NextToken: first.NextToken });
      expect(joined(second)).toEqual(['eu/11/2024-01-01', 'us/9/2024-02-01', 'us/10/2024-01-05']);
      const third = await call('GetPartitions', { ...ev, MaxResults: 3, NextToken: second.NextToken });
      expect(joined(third)).toEqual([`us/${NULL}/2024-03-01`, 'us_east/10/2024-01-31']);
      expect(third.NextToken).toBeUndefined();

      const filtered = await call('GetPartitions', { ...ev, Expression: 'year = 10', MaxResults: 2 });
      expect(joined(filtered)).toEqual(['eu/10/2024-02-01', 'us/10/2024-01-05']);
      const rest = await call('GetPartitions', { ...ev, Expression: 'year = 10', MaxResults: 2, NextToken: filtered.NextToken });
      expect(joined(rest)).toEqual(['us_east/10/2024-01-31']);
      await expectGlueError(call('GetPartitions', { ...ev, NextToken: 'garbage!' }), 'InvalidInputException', /pagination token/);
      const otherTable = (await call('GetPartitions', { DatabaseName: 'lake', TableName: 'daily', MaxResults: 1 })).NextToken;
      await expectGlueError(call('GetPartitions', { ...ev, NextToken: otherTable }), 'InvalidInputException', /pagination token/);
      await call('BatchDeletePartition', {
        ...ev,
        PartitionsToDelete: [{ Values: ['eu', '1', '2024-01-01'] }, { Values: ['eu', '11', '2024-01-01'] }],
      });
      await call('CreatePartition', { ...ev, PartitionInput: partitionInput(['eu', '2023', '2023-12-31']) });
    });

    it('splits the listing into non-overlapping segments', async () => {
      const all = await list();
      expect(await list({ Segment: { SegmentNumber: 0, TotalSegments: 1 } })).toEqual(all);
      const parts = await Promise.all([0, 1, 2].map((SegmentNumber) => list({ Segment: { SegmentNumber, TotalSegments: 3 } })));
      expect(parts.flat().sort()).toEqual([...all].sort());
      expect(new Set(parts.flat()).size).toBe(all.length);
      await expectGlueError(
        list({ Segment: { SegmentNumber: 3, TotalSegments: 3 } }),
        'InvalidInputException',
        /SegmentNumber 3 must be less than TotalSegments 3/,
      );
      await expectGlueError(list({ Segment: { SegmentNumber: 0, TotalSegments: 11 } }), 'ValidationException', /less than or equal to 10/);
    });

    it('gets partitions in a batch, returning missing ones as unprocessed keys', async () => {
      const r = await call('BatchGetPartition', {
        ...ev,
        PartitionsToGet: [
          { Values: ['us', '10', '2024-01-05'] },
          { Values: ['zz', '1', '2024-01-01'] },
          { Values: ['eu', '9', '2024-01-05'] },
        ],
      });
      expect(joined(r)).toEqual(['us/10/2024-01-05', 'eu/9/2024-01-05']);
      expect(r.UnprocessedKeys).toEqual([{ Values: ['zz', '1', '2024-01-01'] }]);
      expect(r.Partitions[0].CreationTime).toBeInstanceOf(Date);
      const short = await call('BatchGetPartition', { ...ev, PartitionsToGet: [{ Values: ['us'] }] });
      expect(short).toMatchObject({ Partitions: [], UnprocessedKeys: [{ Values: ['us'] }] });
      const tooMany = Array.from({ length: 1001 }, (_, i) => ({ Values: ['x', String(i), '2024-01-01'] }));
      await expectGlueError(
        call('BatchGetPartition', { ...ev, PartitionsToGet: tooMany }),
        'ValidationException',
        /less than or equal to 1000/,
      );
    });

    it('updates a partition, moving it when its values change', async () => {
      const key = ['eu', '9', '2024-01-05'];
      const before = (await call('GetPartition', { ...ev, PartitionValues: key })).Partition;
      await call('UpdatePartition', { ...ev, PartitionValueList: key, PartitionInput: { Parameters: { state: 'compacted' } } });
      const updated = (await call('GetPartition', { ...ev, PartitionValues: key })).Partition;
      expect(updated.Parameters).toEqual({ state: 'compacted' });
      expect(updated.StorageDescriptor).toBeUndefined();
      expect(updated.CreationTime).toEqual(before.CreationTime);

      await call('UpdatePartition', { ...ev, PartitionValueList: key, PartitionInput: partitionInput(['eu', '8', '2024-01-05']) });
      await expectGlueError(call('GetPartition', { ...ev, PartitionValues: key }), 'EntityNotFoundException', 'Cannot find partition.');
      expect(await where("region = 'eu' AND year < 9")).toEqual(['eu/8/2024-01-05']);

      await expectGlueError(
        call('UpdatePartition', {
          ...ev,
          PartitionValueList: ['eu', '8', '2024-01-05'],
          PartitionInput: { Values: ['us', '10', '2024-01-05'] },
        }),
        'AlreadyExistsException',
        'Partition already exists.',
      );
      await expectGlueError(
        call('UpdatePartition', { ...ev, PartitionValueList: key, PartitionInput: {} }),
        'EntityNotFoundException',
        'Cannot find partition.',
      );
      await expectGlueError(
        call('UpdatePartition', { ...ev, PartitionValueList: ['eu', '8', '2024-01-05'], PartitionInput: { Values: ['eu'] } }),
        'InvalidInputException',
        /number of partition keys/,
      );
      await call('UpdatePartition', { ...ev, PartitionValueList: ['eu', '8', '2024-01-05'], PartitionInput: partitionInput(key) });
    });

    it('updates partitions in a batch, reporting each failed entry', async () => {
      const r = await call('BatchUpdatePartition', {
        ...ev,
        Entries: [
          { PartitionValueList: ['us', '9', '2024-02-01'], PartitionInput: { Values: ['us', '9', '2024-02-01'], Parameters: { n: '1' } } },
          { PartitionValueList: ['zz', '9', '2024-02-01'], PartitionInput: {} },
          { PartitionValueList: ['us', '10', '2024-01-05'], PartitionInput: { Values: ['us', '9', '2024-02-01'] } },
          { PartitionValueList: ['us'], PartitionInput: {} },
        ],
      });
      expect(r.Errors).toEqual([
        {
          PartitionValueList: ['zz', '9', '2024-02-01'],
          ErrorDetail: { ErrorCode: 'EntityNotFoundException', ErrorMessage: 'Cannot find partition.' },
        },
        {
          PartitionValueList: ['us', '10', '2024-01-05'],
          ErrorDetail: { ErrorCode: 'AlreadyExistsException', ErrorMessage: 'Partition already exists.' },
        },
        {
          PartitionValueList: ['us'],
          ErrorDetail: { ErrorCode: 'EntityNotFoundException', ErrorMessage: 'Cannot find partition.' },
        },
      ]);
      expect((await call('GetPartition', { ...ev, PartitionValues: ['us', '9', '2024-02-01'] })).Partition.Parameters).toEqual({ n: '1' });
      await expectGlueError(call('BatchUpdatePartition', { ...ev, Entries: [] }), 'ValidationException', /greater than or equal to 1/);
    });

    it('deletes partitions one by one and in batches', async () => {
      await call('DeletePartition', { ...ev, PartitionValues: ['us_east', '10', '2024-01-31'] });
      await expectGlueError(call('GetPartition', { ...ev, PartitionValues: ['us_east', '10', '2024-01-31'] }), 'EntityNotFoundException');
      const r = await call('BatchDeletePartition', {
        ...ev,
        PartitionsToDelete: [{ Values: ['US', '9', '2024-01-05'] }, { Values: ['us_east', '10', '2024-01-31'] }, { Values: ['x'] }],
      });
      expect(r.Errors).toEqual([
        {
          PartitionValues: ['us_east', '10', '2024-01-31'],
          ErrorDetail: { ErrorCode: 'EntityNotFoundException', ErrorMessage: 'Cannot find partition.' },
        },
        {
          PartitionValues: ['x'],
          ErrorDetail: { ErrorCode: 'EntityNotFoundException', ErrorMessage: 'Cannot find partition.' },
        },
      ]);
      expect(await list()).toHaveLength(EVENTS.length - 2);
      const tooMany = Array.from({ length: 26 }, (_, i) => ({ Values: ['x', String(i), '2024-01-01'] }));
      await expectGlueError(
        call('BatchDeletePartition', { ...ev, PartitionsToDelete: tooMany }),
        'ValidationException',
        /less than or equal to 25/,
      );
    });

    it('fails with InvalidStateException when a stored value does not fit its key type', async () => {
      await call('CreatePartition', { ...ev, PartitionInput: partitionInput(['eu', 'nineteen', '2024-01-01']) });
      expect(await where("region = 'us'")).toHaveLength(3);
      await expectGlueError(where('year > 1'), 'InvalidStateException', "Partition value 'nineteen' of key year is not an integer.");
      await call('DeletePartition', { ...ev, PartitionValues: ['eu', 'nineteen', '2024-01-01'] });
    });

    it('deleting a table deletes its partitions', async () => {
      await call('DeleteTable', { DatabaseName: 'lake', Name: 'daily' });
      await call('CreateTable', { DatabaseName: 'lake', TableInput: table('daily', [{ Name: 'day', Type: 'string' }]) });
      expect((await call('GetPartitions', { DatabaseName: 'lake', TableName: 'daily' })).Partitions).toEqual([]);
    });
  });
}
