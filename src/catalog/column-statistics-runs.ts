// Column statistics task runs: StartColumnStatisticsTaskRun computes a table's column statistics from
// its data with DuckDB (the table as a view, table-view.ts), GetColumnStatisticsTaskRun(s) report the
// run. The run is a `runs` row (kind 'column-statistics'); Sluice computes while StartColumnStatisticsTaskRun
// is answered, so the run a client then polls is already SUCCEEDED or FAILED, and the statistics and the
// run's end land in one transaction. SampleSize (a percentage) reads that share of the rows.
// Columns of a type Glue has no statistics type for (timestamp, nested types: ColumnStatisticsType is
// BOOLEAN, DATE, DECIMAL, DOUBLE, LONG, STRING, BINARY) are left out, and the run's ErrorMessage names them.
import { randomUUID } from 'node:crypto';
import { glueOperation, type CallContext } from '../kernel/registry.js';
import { invalidInput, notFound, SluiceError } from '../kernel/errors.js';
import { pageByOffset } from '../kernel/pagination.js';
import type { Column, ColumnStatistics, ColumnStatisticsTaskRun, DecimalNumber, Table } from '../kernel/glue-types.js';
import { COLUMN_STATISTICS_TASK_RUNS as KIND } from '../runs/kinds.js';
import { docOf, insertRun, listRows, loadRow, transition } from '../runs/ledger.js';
import { norm, requireTable } from './common.js';
import { registerTableView } from './table-view.js';
import { saveColumnStatistics } from './column-statistics.js';

type Family = 'LONG' | 'DOUBLE' | 'DECIMAL' | 'STRING' | 'BOOLEAN' | 'DATE' | 'BINARY';

function familyOf(glueType: string): Family | undefined {
  const t = glueType.toLowerCase().replace(/\(.*$/, '');
  if (['tinyint', 'smallint', 'int', 'integer', 'bigint', 'long'].includes(t)) return 'LONG';
  if (['double', 'float', 'real'].includes(t)) return 'DOUBLE';
  if (['string', 'varchar', 'char'].includes(t)) return 'STRING';
  if (t === 'boolean') return 'BOOLEAN';
  if (t === 'date') return 'DATE';
  if (t === 'binary') return 'BINARY';
  if (t === 'decimal' || t === 'numeric') return 'DECIMAL';
  return undefined;
}

/** A decimal type's scale: decimal(p,s) → s; a bare `decimal` is Hive's decimal(10,0). */
const scaleOf = (glueType: string) => Number(/,\s*(\d+)\s*\)/.exec(glueType)?.[1] ?? 0);

/**
 * Glue's DecimalNumber: the unscaled value as a big-endian two's-complement byte array (Java's
 * BigInteger.toByteArray, the shortest that holds it). Kept as base64 text, the form a blob takes
 * on the wire and in a stored JSON document (UpdateColumnStatistics over HTTP stores it so too).
 */
export function decimalNumber(digits: string, scale: number): DecimalNumber {
  const n = BigInt(digits);
  let bytes = 1;
  while (n < -(1n << BigInt(8 * bytes - 1)) || n >= 1n << BigInt(8 * bytes - 1)) bytes++;
  const twos = n < 0n ? (1n << BigInt(8 * bytes)) + n : n;
  const hex = twos.toString(16).padStart(2 * bytes, '0');
  return { UnscaledValue: Buffer.from(hex, 'hex').toString('base64') as unknown as Uint8Array, Scale: scale };
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The aggregates of one column, as SELECT items aliased c<i>_<what>. */
function aggregates(c: Column, family: Family, i: number): string[] {
  const col = q(c.Name);
  const nulls = `count(*) - count(${col}) AS c${i}_nulls`;
  switch (family) {
    case 'LONG':
    case 'DOUBLE':
    case 'DATE':
      return [nulls, `approx_count_distinct(${col}) AS c${i}_distinct`, `min(${col}) AS c${i}_min`, `max(${col}) AS c${i}_max`];
    case 'STRING':
      return [
        nulls,
        `approx_count_distinct(${col}) AS c${i}_distinct`,
        `coalesce(max(length(${col})), 0) AS c${i}_maxlen`,
        `coalesce(avg(length(${col})), 0) AS c${i}_avglen`,
      ];
    case 'DECIMAL': {
      // The extremes as text at the column's own scale ('-1.50'), so their digits are the unscaled value.
      const at = (agg: string) => `CAST(${agg}(${col}) AS DECIMAL(38, ${scaleOf(c.Type ?? '')}))::VARCHAR`;
      return [nulls, `approx_count_distinct(${col}) AS c${i}_distinct`, `${at('min')} AS c${i}_min`, `${at('max')} AS c${i}_max`];
    }
    case 'BINARY':
      return [nulls, `coalesce(max(octet_length(${col})), 0) AS c${i}_maxlen`, `coalesce(avg(octet_length(${col})), 0) AS c${i}_avglen`];
    case 'BOOLEAN':
      return [nulls, `count_if(${col}) AS c${i}_trues`, `count_if(NOT ${col}) AS c${i}_falses`];
  }
}

function statisticsOf(c: Column, family: Family, i: number, row: Record<string, unknown>, at: Date): ColumnStatistics {
  const n = (what: string) => Number(row[`c${i}_${what}`] ?? 0);
  const opt = (what: string) => (row[`c${i}_${what}`] === null || row[`c${i}_${what}`] === undefined ? undefined : n(what));
  const date = (what: string) => (row[`c${i}_${what}`] ? new Date(String(row[`c${i}_${what}`])) : undefined);
  const base = { NumberOfNulls: n('nulls') };
  const data = {
    LONG: () => ({
      LongColumnStatisticsData: { ...base, NumberOfDistinctValues: n('distinct'), MinimumValue: opt('min'), MaximumValue: opt('max') },
    }),
    DOUBLE: () => ({
      DoubleColumnStatisticsData: { ...base, NumberOfDistinctValues: n('distinct'), MinimumValue: opt('min'), MaximumValue: opt('max') },
    }),
    DATE: () => ({
      DateColumnStatisticsData: { ...base, NumberOfDistinctValues: n('distinct'), MinimumValue: date('min'), MaximumValue: date('max') },
    }),
    DECIMAL: () => {
      const dec = (what: string) => {
        const v = row[`c${i}_${what}`];
        return v === null || v === undefined ? undefined : decimalNumber(String(v).replace('.', ''), scaleOf(c.Type ?? ''));
      };
      return {
        DecimalColumnStatisticsData: { ...base, NumberOfDistinctValues: n('distinct'), MinimumValue: dec('min'), MaximumValue: dec('max') },
      };
    },
    STRING: () => ({
      StringColumnStatisticsData: {
        ...base,
        NumberOfDistinctValues: n('distinct'),
        MaximumLength: n('maxlen'),
        AverageLength: n('avglen'),
      },
    }),
    BINARY: () => ({ BinaryColumnStatisticsData: { ...base, MaximumLength: n('maxlen'), AverageLength: n('avglen') } }),
    BOOLEAN: () => ({ BooleanColumnStatisticsData: { ...base, NumberOfTrues: n('trues'), NumberOfFalses: n('falses') } }),
  }[family]();
  return { ColumnName: norm(c.Name), ColumnType: c.Type ?? 'string', AnalyzedTime: at, StatisticsData: { Type: family, ...data } };
}

/** Computes the statistics of these columns over the table's data. */
async function compute(ctx: CallContext, catalogId: string, table: Table, columns: Column[], sampleSize: number | undefined) {
  const skipped: string[] = [];
  const planned: { c: Column; family: Family; i: number }[] = [];
  columns.forEach((c, i) => {
    const family = familyOf(c.Type ?? 'string');
    if (family) planned.push({ c, family, i });
    else skipped.push(`${c.Name} (${c.Type})`);
  });
  const at = new Date();
  if (!planned.length) return { statistics: [], skipped };
  const engine = await ctx.services.openEngine({ sandbox: true });
  try {
    await registerTableView(engine, ctx.services.store.db, catalogId, table, { viewName: 'stats_source' });
    const sample = sampleSize !== undefined && sampleSize < 100 ? ` USING SAMPLE ${sampleSize} PERCENT (bernoulli)` : '';
    const sql = `SELECT ${planned.flatMap((p) => aggregates(p.c, p.family, p.i)).join(', ')} FROM stats_source${sample}`;
    const [row] = (await engine.query(sql)).rows;
    return { statistics: planned.map((p) => statisticsOf(p.c, p.family, p.i, row, at)), skipped };
  } finally {
    await engine.close();
  }
}

function selectColumns(table: Table, names: string[] | undefined): Column[] {
  const all = [...(table.StorageDescriptor?.Columns ?? []), ...(table.PartitionKeys ?? [])];
  if (!names?.length) return table.StorageDescriptor?.Columns ?? [];
  return names.map((name) => {
    const c = all.find((x) => x.Name.toLowerCase() === name.toLowerCase());
    if (!c) throw invalidInput(`Column ${name} is not a column of table ${table.Name}.`);
    return c;
  });
}

export const columnStatisticsRunOperations = [
  glueOperation(
    'StartColumnStatisticsTaskRun',
    async (input, ctx) => {
      const catalogId = input.CatalogID || ctx.accountId;
      const { db } = ctx.services.store;
      const table = await requireTable(db, catalogId, input.DatabaseName, input.TableName);
      const columns = selectColumns(table, input.ColumnNameList);
      const now = new Date();
      const run: ColumnStatisticsTaskRun = {
        CustomerId: ctx.accountId,
        ColumnStatisticsTaskRunId: randomUUID(),
        DatabaseName: table.DatabaseName,
        TableName: table.Name,
        ColumnNameList: columns.map((c) => norm(c.Name)),
        CatalogID: catalogId,
        Role: input.Role,
        SampleSize: input.SampleSize ?? 100,
        SecurityConfiguration: input.SecurityConfiguration,
        NumberOfWorkers: 1,
        WorkerType: 'local',
        ComputationType: 'FULL',
        Status: 'RUNNING',
        CreationTime: now,
        LastUpdated: now,
        StartTime: now,
      };
      const name = `${table.DatabaseName}.${table.Name}`;
      const id = run.ColumnStatisticsTaskRunId!;
      await insertRun(db, KIND, { id, name, state: run.Status!, doc: run, startedOn: now });
      let end: ColumnStatisticsTaskRun;
      let computed: ColumnStatistics[] = [];
      try {
        const { statistics, skipped } = await compute(ctx, catalogId, table, columns, input.SampleSize);
        computed = statistics;
        const note = skipped.length ? `No statistics for columns of types Sluice does not compute: ${skipped.join(', ')}.` : undefined;
        end = { ...run, Status: 'SUCCEEDED', ErrorMessage: note };
      } catch (e) {
        const message = e instanceof SluiceError ? e.message : String(e);
        end = { ...run, Status: 'FAILED', ErrorMessage: `The statistics could not be computed from the table's data: ${message}` };
      }
      const finished = new Date();
      end = { ...end, EndTime: finished, LastUpdated: finished, DPUSeconds: (finished.getTime() - now.getTime()) / 1000 };
      await ctx.services.store.transaction(async (trx) => {
        if (computed.length) await saveColumnStatistics(trx, { catalogId, table, key: '' }, computed);
        await transition<ColumnStatisticsTaskRun>(trx, KIND, id, KIND.active, () => ({ state: end.Status!, doc: end }));
      });
      return { ColumnStatisticsTaskRunId: run.ColumnStatisticsTaskRunId };
    },
    {
      partial:
        'the statistics are computed while the call is answered; timestamp and nested columns get none (Glue has no statistics type for them)',
    },
  ),

  glueOperation('GetColumnStatisticsTaskRun', async (input, ctx) => {
    const row = await loadRow(ctx.services.store.db, KIND, input.ColumnStatisticsTaskRunId);
    if (!row) throw notFound(`Column statistics task run ${input.ColumnStatisticsTaskRunId} not found.`);
    return { ColumnStatisticsTaskRun: docOf<ColumnStatisticsTaskRun>(KIND, row) };
  }),

  glueOperation('GetColumnStatisticsTaskRuns', async (input, ctx) => {
    const rows = await listRows(ctx.services.store.db, KIND, { name: `${norm(input.DatabaseName)}.${norm(input.TableName)}` });
    const runs = rows.map((r) => docOf<ColumnStatisticsTaskRun>(KIND, r));
    const page = pageByOffset(runs, input.NextToken, input.MaxResults);
    return { ColumnStatisticsTaskRuns: page.items, NextToken: page.nextToken };
  }),
];
