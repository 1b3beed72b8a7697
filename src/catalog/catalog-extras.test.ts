// User-defined functions, partition indexes and column statistics, on every metadata store backend.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestProject, postgresAvailable, type TestProject } from '../../test/helpers/backends.js';
import { expectGlueError } from '../../test/helpers/expect-error.js';

const hasPg = await postgresAvailable();

const longStats = (ColumnName: string, MaximumValue = 9) => ({
  ColumnName,
  ColumnType: 'bigint',
  AnalyzedTime: new Date('2026-01-01T00:00:00Z'),
  StatisticsData: {
    Type: 'LONG',
    LongColumnStatisticsData: { MinimumValue: 1, MaximumValue, NumberOfNulls: 0, NumberOfDistinctValues: 3 },
  },
});

for (const backend of BACKENDS) {
  describe.skipIf(backend === 'postgres' && !hasPg)(`catalog functions, partition indexes and column statistics on ${backend}`, () => {
    let p: TestProject;
    const call = (op: string, input: unknown) => p.sluice.call(op, input);
    const ev = { DatabaseName: 'extras', TableName: 'events' };
    beforeAll(async () => {
      p = await openTestProject(backend);
      await call('CreateDatabase', { DatabaseInput: { Name: 'extras' } });
      await call('CreateDatabase', { DatabaseInput: { Name: 'other' } });
      await call('CreateTable', {
        DatabaseName: 'extras',
        TableInput: {
          Name: 'events',
          StorageDescriptor: { Columns: [{ Name: 'id', Type: 'bigint' }] },
          PartitionKeys: [
            { Name: 'region', Type: 'string' },
            { Name: 'kind', Type: 'string' },
          ],
        },
      });
    });
    afterAll(async () => p?.cleanup());

    it('keeps user-defined functions per database and lists them by pattern and type', async () => {
      const fn = (FunctionName: string, ClassName: string) => ({ FunctionName, ClassName, OwnerName: 'etl', OwnerType: 'USER' });
      await call('CreateUserDefinedFunction', { DatabaseName: 'extras', FunctionInput: fn('To_Cents', 'com.x.ToCents') });
      await call('CreateUserDefinedFunction', { DatabaseName: 'extras', FunctionInput: fn('from_cents', 'com.x.FromCents') });
      await call('CreateUserDefinedFunction', { DatabaseName: 'other', FunctionInput: fn('to_euros', 'com.x.ToEuros') });
      await expectGlueError(
        call('CreateUserDefinedFunction', { DatabaseName: 'extras', FunctionInput: fn('to_cents', 'com.x.Y') }),
        'AlreadyExistsException',
        'Function already exists.',
      );
      await expectGlueError(
        call('CreateUserDefinedFunction', { DatabaseName: 'nope', FunctionInput: fn('f', 'c') }),
        'EntityNotFoundException',
        'Database nope not found.',
      );
      await expectGlueError(
        call('CreateUserDefinedFunction', { DatabaseName: 'extras', FunctionInput: { FunctionName: 'noclass' } }),
        'InvalidInputException',
        /ClassName is required/,
      );
      const { UserDefinedFunction } = await call('GetUserDefinedFunction', { DatabaseName: 'EXTRAS', FunctionName: 'TO_CENTS' });
      expect(UserDefinedFunction).toMatchObject({
        FunctionName: 'to_cents',
        DatabaseName: 'extras',
        ClassName: 'com.x.ToCents',
        CatalogId: '123456789012',
      });
      expect(UserDefinedFunction.CreateTime).toBeInstanceOf(Date);
      const names = async (input: object) =>
        (await call('GetUserDefinedFunctions', input)).UserDefinedFunctions.map((f: any) => `${f.DatabaseName}.${f.FunctionName}`);
      expect(await names({ Pattern: 'to_*' })).toEqual(['extras.to_cents', 'other.to_euros']);
      expect(await names({ DatabaseName: 'extras', Pattern: '*' })).toEqual(['extras.from_cents', 'extras.to_cents']);
      expect(await names({ Pattern: 'from_cents|to_euros' })).toEqual(['extras.from_cents', 'other.to_euros']);
      expect(await names({ Pattern: '*', FunctionType: 'REGULAR_FUNCTION' })).toEqual([]);
      const page = await call('GetUserDefinedFunctions', { Pattern: '*', MaxResults: 2 });
      expect(page.UserDefinedFunctions).toHaveLength(2);
      expect((await call('GetUserDefinedFunctions', { Pattern: '*', NextToken: page.NextToken })).UserDefinedFunctions).toHaveLength(1);

      await call('UpdateUserDefinedFunction', {
        DatabaseName: 'extras',
        FunctionName: 'to_cents',
        FunctionInput: fn('cents', 'com.x.Cents'),
      });
      expect(await names({ DatabaseName: 'extras', Pattern: '*' })).toEqual(['extras.cents', 'extras.from_cents']);
      await expectGlueError(
        call('UpdateUserDefinedFunction', { DatabaseName: 'extras', FunctionName: 'cents', FunctionInput: fn('from_cents', 'c') }),
        'AlreadyExistsException',
      );
      await call('DeleteUserDefinedFunction', { DatabaseName: 'extras', FunctionName: 'Cents' });
      await expectGlueError(
        call('GetUserDefinedFunction', { DatabaseName: 'extras', FunctionName: 'cents' }),
        'EntityNotFoundException',
        'Function cents not found.',
      );
      await expectGlueError(
        call('DeleteUserDefinedFunction', { DatabaseName: 'extras', FunctionName: 'cents' }),
        'EntityNotFoundException',
      );
      await call('DeleteDatabase', { Name: 'other' });
      expect(await names({ Pattern: '*' })).toEqual(['extras.from_cents']);
    });

    it('indexes partition keys only, at most three a table, and answers GetPartitions through an index', async () => {
      await expectGlueError(
        call('CreatePartitionIndex', { ...ev, PartitionIndex: { IndexName: 'bad', Keys: ['id'] } }),
        'InvalidInputException',
        /id is not a partition key of table events \(its partition keys: region, kind\)/,
      );
      await call('CreatePartitionIndex', { ...ev, PartitionIndex: { IndexName: 'by_kind', Keys: ['KIND'] } });
      await expectGlueError(
        call('CreatePartitionIndex', { ...ev, PartitionIndex: { IndexName: 'by_kind', Keys: ['region'] } }),
        'AlreadyExistsException',
      );
      await call('CreatePartitionIndex', { ...ev, PartitionIndex: { IndexName: 'by_region', Keys: ['region'] } });
      await call('CreatePartitionIndex', { ...ev, PartitionIndex: { IndexName: 'both', Keys: ['region', 'kind'] } });
      await expectGlueError(
        call('CreatePartitionIndex', { ...ev, PartitionIndex: { IndexName: 'fourth', Keys: ['kind', 'region'] } }),
        'ResourceNumberLimitExceededException',
      );
      const { PartitionIndexDescriptorList } = await call('GetPartitionIndexes', ev);
      expect(PartitionIndexDescriptorList[0]).toEqual({
        IndexName: 'by_kind',
        Keys: [{ Name: 'kind', Type: 'string' }],
        IndexStatus: 'ACTIVE',
      });
      expect(PartitionIndexDescriptorList.map((i: any) => i.IndexName).sort()).toEqual(['both', 'by_kind', 'by_region']);

      // Values with commas and quotes: the narrowing by the second key never loses a partition.
      const values = [
        ['eu', 'click'],
        ['us', 'click'],
        ['eu,west', 'view'],
        ['a"b', 'click'],
        ['us', 'c,lick'],
      ];
      await call('BatchCreatePartition', { ...ev, PartitionInputList: values.map((Values) => ({ Values })) });
      const where = async (Expression: string) =>
        (await call('GetPartitions', { ...ev, Expression })).Partitions.map((x: any) => x.Values.join('/')).sort();
      expect(await where("kind = 'click'")).toEqual(['a"b/click', 'eu/click', 'us/click']);
      expect(await where("kind IN ('view', 'c,lick') AND region <> 'x'")).toEqual(['eu,west/view', 'us/c,lick']);
      expect(await where("kind = 'CLICK'")).toEqual([]);

      await call('DeletePartitionIndex', { ...ev, IndexName: 'both' });
      await expectGlueError(call('DeletePartitionIndex', { ...ev, IndexName: 'both' }), 'EntityNotFoundException');
      expect((await call('GetPartitionIndexes', ev)).PartitionIndexDescriptorList).toHaveLength(2);
    });

    it('refuses a CreateTable whose PartitionIndexes are wrong, leaving no table behind', async () => {
      const TableInput = { Name: 'indexed', PartitionKeys: [{ Name: 'dt', Type: 'string' }] };
      await expectGlueError(
        call('CreateTable', { DatabaseName: 'extras', TableInput, PartitionIndexes: [{ IndexName: 'i', Keys: ['nope'] }] }),
        'InvalidInputException',
      );
      await expectGlueError(call('GetTable', { DatabaseName: 'extras', Name: 'indexed' }), 'EntityNotFoundException');
      await call('CreateTable', { DatabaseName: 'extras', TableInput, PartitionIndexes: [{ IndexName: 'i', Keys: ['dt'] }] });
      expect(
        (await call('GetPartitionIndexes', { DatabaseName: 'extras', TableName: 'indexed' })).PartitionIndexDescriptorList,
      ).toHaveLength(1);
      await call('DeleteTable', { DatabaseName: 'extras', Name: 'indexed' });
      await call('CreateTable', { DatabaseName: 'extras', TableInput });
      expect((await call('GetPartitionIndexes', { DatabaseName: 'extras', TableName: 'indexed' })).PartitionIndexDescriptorList).toEqual(
        [],
      );
    });

    it('keeps column statistics of tables and partitions, checking each against the table', async () => {
      const bad = {
        ...longStats('id'),
        StatisticsData: { Type: 'STRING', LongColumnStatisticsData: longStats('id').StatisticsData.LongColumnStatisticsData },
      };
      const r = await call('UpdateColumnStatisticsForTable', { ...ev, ColumnStatisticsList: [longStats('ID'), longStats('ghost'), bad] });
      expect(r.Errors.map((e: any) => [e.ColumnStatistics.ColumnName, e.Error.ErrorCode, e.Error.ErrorMessage])).toEqual([
        ['ghost', 'InvalidInputException', 'Column ghost is not a column of table events.'],
        ['id', 'InvalidInputException', 'StatisticsData of column id has Type STRING but no StringColumnStatisticsData member.'],
      ]);
      const got = await call('GetColumnStatisticsForTable', { ...ev, ColumnNames: ['id', 'region'] });
      expect(got.ColumnStatisticsList).toHaveLength(1);
      expect(got.ColumnStatisticsList[0]).toMatchObject({
        ColumnName: 'id',
        StatisticsData: { LongColumnStatisticsData: { MaximumValue: 9 } },
      });
      expect(got.ColumnStatisticsList[0].AnalyzedTime).toBeInstanceOf(Date);
      expect(got.Errors).toEqual([
        {
          ColumnName: 'region',
          Error: { ErrorCode: 'EntityNotFoundException', ErrorMessage: 'Column statistics of column region not found.' },
        },
      ]);
      await call('UpdateColumnStatisticsForTable', { ...ev, ColumnStatisticsList: [longStats('id', 99)] });
      const again = await call('GetColumnStatisticsForTable', { ...ev, ColumnNames: ['id'] });
      expect(again.ColumnStatisticsList[0].StatisticsData.LongColumnStatisticsData.MaximumValue).toBe(99);

      const part = { ...ev, PartitionValues: ['eu', 'click'] };
      await call('UpdateColumnStatisticsForPartition', { ...part, ColumnStatisticsList: [longStats('id', 5)] });
      expect(
        (await call('GetColumnStatisticsForPartition', { ...part, ColumnNames: ['id'] })).ColumnStatisticsList[0].StatisticsData,
      ).toMatchObject({
        LongColumnStatisticsData: { MaximumValue: 5 },
      });
      // A partition's statistics are its own; the table's are untouched.
      expect(
        (await call('GetColumnStatisticsForTable', { ...ev, ColumnNames: ['id'] })).ColumnStatisticsList[0].StatisticsData,
      ).toMatchObject({
        LongColumnStatisticsData: { MaximumValue: 99 },
      });
      await expectGlueError(
        call('UpdateColumnStatisticsForPartition', { ...ev, PartitionValues: ['zz', 'zz'], ColumnStatisticsList: [longStats('id')] }),
        'EntityNotFoundException',
        'Cannot find partition.',
      );
      // Deleting the partition deletes its statistics: a partition created again starts without them.
      await call('DeletePartition', part);
      await call('CreatePartition', { ...ev, PartitionInput: { Values: part.PartitionValues } });
      expect((await call('GetColumnStatisticsForPartition', { ...part, ColumnNames: ['id'] })).ColumnStatisticsList).toEqual([]);

      // A partition moved to new values takes its statistics along.
      await call('UpdateColumnStatisticsForPartition', { ...part, ColumnStatisticsList: [longStats('id', 7)] });
      await call('UpdatePartition', { ...ev, PartitionValueList: part.PartitionValues, PartitionInput: { Values: ['eu', 'moved'] } });
      const moved = await call('GetColumnStatisticsForPartition', { ...ev, PartitionValues: ['eu', 'moved'], ColumnNames: ['id'] });
      expect(moved.ColumnStatisticsList[0].StatisticsData.LongColumnStatisticsData.MaximumValue).toBe(7);

      await call('DeleteColumnStatisticsForTable', { ...ev, ColumnName: 'ID' });
      await expectGlueError(call('DeleteColumnStatisticsForTable', { ...ev, ColumnName: 'id' }), 'EntityNotFoundException');
      const tooMany = Array.from({ length: 26 }, () => longStats('id'));
      await expectGlueError(call('UpdateColumnStatisticsForTable', { ...ev, ColumnStatisticsList: tooMany }), 'ValidationException');
    });

    it("computes a table's column statistics from its data in a task run", async () => {
      const dir = join(p.dir, 'lake', 'stats');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'a.csv'),
        'id|name|ok|day|price|seen\n1|ann|true|2024-01-02|-1.50|2024-01-02 10:00:00\n2|bo|false|2024-03-04|2.00|2024-01-02 10:00:00\n3||true|2024-01-02|1234.99|2024-01-02 10:00:00\n',
      );
      await call('CreateTable', {
        DatabaseName: 'extras',
        TableInput: {
          Name: 'people',
          Parameters: { classification: 'csv', 'skip.header.line.count': '1' },
          StorageDescriptor: {
            Location: dir,
            Columns: [
              { Name: 'id', Type: 'bigint' },
              { Name: 'name', Type: 'string' },
              { Name: 'ok', Type: 'boolean' },
              { Name: 'day', Type: 'date' },
              { Name: 'price', Type: 'decimal(10,2)' },
              { Name: 'seen', Type: 'timestamp' },
            ],
            SerdeInfo: { Parameters: { 'field.delim': '|' } },
          },
        },
      });
      const people = { DatabaseName: 'extras', TableName: 'people' };
      const { ColumnStatisticsTaskRunId } = await call('StartColumnStatisticsTaskRun', { ...people, Role: 'r' });
      const { ColumnStatisticsTaskRun: run } = await call('GetColumnStatisticsTaskRun', { ColumnStatisticsTaskRunId });
      expect(run).toMatchObject({
        Status: 'SUCCEEDED',
        DatabaseName: 'extras',
        TableName: 'people',
        ColumnNameList: ['id', 'name', 'ok', 'day', 'price', 'seen'],
      });
      expect(run.ErrorMessage).toBe('No statistics for columns of types Sluice does not compute: seen (timestamp).');
      expect(run.EndTime).toBeInstanceOf(Date);
      const { ColumnStatisticsList, Errors } = await call('GetColumnStatisticsForTable', {
        ...people,
        ColumnNames: ['id', 'name', 'ok', 'day', 'price', 'seen'],
      });
      const data = Object.fromEntries(ColumnStatisticsList.map((c: any) => [c.ColumnName, c.StatisticsData]));
      expect(data.id).toEqual({
        Type: 'LONG',
        LongColumnStatisticsData: { MinimumValue: 1, MaximumValue: 3, NumberOfNulls: 0, NumberOfDistinctValues: 3 },
      });
      expect(data.name.StringColumnStatisticsData).toEqual({
        MaximumLength: 3,
        AverageLength: 2.5,
        NumberOfNulls: 1,
        NumberOfDistinctValues: 2,
      });
      expect(data.ok.BooleanColumnStatisticsData).toEqual({ NumberOfTrues: 2, NumberOfFalses: 1, NumberOfNulls: 0 });
      expect(data.day.DateColumnStatisticsData).toMatchObject({ NumberOfNulls: 0, NumberOfDistinctValues: 2 });
      expect(data.day.DateColumnStatisticsData.MaximumValue.toISOString()).toBe('2024-03-04T00:00:00.000Z');
      // -150 is 0xFF6A in two's complement, 123499 is 0x01E26B: Java's BigInteger.toByteArray.
      // The distinct count is approximate (HyperLogLog, as Glue's is an estimate too).
      expect(data.price.DecimalColumnStatisticsData.NumberOfDistinctValues).toBeGreaterThanOrEqual(2);
      expect(data.price).toEqual({
        Type: 'DECIMAL',
        DecimalColumnStatisticsData: {
          NumberOfNulls: 0,
          NumberOfDistinctValues: data.price.DecimalColumnStatisticsData.NumberOfDistinctValues,
          MinimumValue: { UnscaledValue: Buffer.from([0xff, 0x6a]).toString('base64'), Scale: 2 },
          MaximumValue: { UnscaledValue: Buffer.from([0x01, 0xe2, 0x6b]).toString('base64'), Scale: 2 },
        },
      });
      expect(Errors.map((e: any) => e.ColumnName)).toEqual(['seen']);
      const runs = await call('GetColumnStatisticsTaskRuns', people);
      expect(runs.ColumnStatisticsTaskRuns.map((r: any) => r.ColumnStatisticsTaskRunId)).toEqual([ColumnStatisticsTaskRunId]);
      await expectGlueError(
        call('StartColumnStatisticsTaskRun', { ...people, Role: 'r', ColumnNameList: ['ghost'] }),
        'InvalidInputException',
        /ghost/,
      );
      await expectGlueError(call('GetColumnStatisticsTaskRun', { ColumnStatisticsTaskRunId: 'nope' }), 'EntityNotFoundException');
    });
  });
}
