// DynamicFrame over a DuckDB view. Every transform creates a new view from a SELECT over this one,
// so a chain of transforms is one query plan that DuckDB optimises as a whole at write time.
import type { QueryEngine } from '../../engine/query-engine.js';
import type { RunSession } from '../runtime/run-session.js';
import type { AggFunc, Column, DynamicFrame, JoinType, Mapping, QualityCheck, ResolveChoiceOptions, Row } from './types.js';
import { findColumn } from '../../kernel/column-names.js';
import { ident, literal } from './sql.js';
import { applyMapping, resolveChoice } from './transforms/mapping.js';
import { dropFields, dropNullFields, renameField, selectFields } from './transforms/fields.js';
import { filterRows, mapRows } from './transforms/rows.js';
import { join } from './transforms/join.js';
import { relationalize } from './transforms/relationalize.js';
import { fillMissingValues } from './transforms/fill-missing.js';
import { aggregate, dropDuplicates, union } from './transforms/aggregate.js';
import { quarantine } from './transforms/quarantine.js';
import { evaluateDataQuality } from './transforms/quality.js';

export class Frame implements DynamicFrame {
  private columns?: Column[];

  constructor(
    readonly session: RunSession,
    readonly name: string,
    /**
     * The source view whose rows this frame holds one for one (a source, or projections of one):
     * writing it tells how many rows the source read, without a second scan (finish-run.ts).
     */
    readonly rowsOf?: string,
  ) {}

  get sqlName(): string {
    return ident(this.name);
  }

  engine(): Promise<QueryEngine> {
    return this.session.engine();
  }

  /**
   * A new frame over `select` (which may refer to this frame by sqlName). keepsRows: the select
   * neither adds nor removes rows of this frame (a projection), so the new frame keeps rowsOf.
   */
  async derive(select: string, prefix = 'frame', keepsRows = false): Promise<Frame> {
    const name = this.session.nextName(prefix);
    await (await this.engine()).query(`CREATE OR REPLACE TEMP VIEW ${ident(name)} AS ${select}`);
    return new Frame(this.session, name, keepsRows ? this.rowsOf : undefined);
  }

  async schema(): Promise<Column[]> {
    if (!this.columns) {
      const r = await (await this.engine()).query(`DESCRIBE SELECT * FROM ${this.sqlName}`);
      this.columns = r.rows.map((x) => ({ name: String(x.column_name), type: String(x.column_type) }));
    }
    return this.columns;
  }

  async count(): Promise<number> {
    const r = await (await this.engine()).query(`SELECT count(*) AS n FROM ${this.sqlName}`);
    return Number(r.rows[0].n);
  }

  async toRows(limit?: number): Promise<Row[]> {
    const sql = `SELECT * FROM ${this.sqlName}${limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(limit))}`}`;
    return (await (await this.engine()).query(sql)).rows;
  }

  applyMapping = (mappings: Mapping[]) => applyMapping(this, mappings);
  resolveChoice = (options: ResolveChoiceOptions) => resolveChoice(this, options);
  dropNullFields = () => dropNullFields(this);
  dropFields = (paths: string[]) => dropFields(this, paths);
  selectFields = (paths: string[]) => selectFields(this, paths);
  renameField = (oldName: string, newName: string) => renameField(this, oldName, newName);
  filter = (predicate: string | ((row: Row) => boolean)) => filterRows(this, predicate);
  map = (fn: (row: Row) => Row) => mapRows(this, fn);
  join = (other: DynamicFrame, keys1: string[], keys2: string[], options: { type?: JoinType } = {}) =>
    join(this, other as Frame, keys1, keys2, options.type);
  relationalize = (rootName: string) => relationalize(this, rootName);
  fillMissingValues = (column: string, outputColumn?: string) => fillMissingValues(this, column, outputColumn);
  dropDuplicates = (columns?: string[], options: { orderBy?: string; quarantine?: boolean } = {}) => dropDuplicates(this, columns, options);
  union = (other: DynamicFrame, options: { distinct?: boolean } = {}) => union(this, other as Frame, options.distinct === true);
  aggregate = (groups: string[], aggs: { column: string; aggFunc: AggFunc; as?: string }[]) => aggregate(this, groups, aggs);
  quarantine = (condition: string, reason: string | { sql: string }) => quarantine(this, condition, reason);
  evaluateDataQuality = (check: QualityCheck) => evaluateDataQuality(this, check);

  async withColumn(name: string, expression: string): Promise<Frame> {
    const existing = findColumn(await this.schema(), name);
    const rest = existing ? `* REPLACE ((${expression}) AS ${ident(existing.name)})` : `*, (${expression}) AS ${ident(name)}`;
    // unnest() in a select list makes rows; every other expression keeps them one for one.
    return this.derive(`SELECT ${rest} FROM ${this.sqlName}`, 'frame', !/\bunnest\s*\(/i.test(expression));
  }

  async withMetadataColumns(): Promise<Frame> {
    // UTC wall-clock time, whatever the machine's time zone.
    const ts = `${literal(new Date(this.session.startTime).toISOString().replace('T', ' ').replace('Z', ''))}::TIMESTAMP`;
    const columns: [string, string][] = [
      ['_ingest_ts', ts],
      ['_run_id', literal(this.session.runId)],
    ];
    // One view for both: each view over a CSV or JSON source costs DuckDB a fresh sniff of the file.
    const names = new Set((await this.schema()).map((c) => c.name));
    const replaced = columns.filter(([n]) => names.has(n)).map(([n, e]) => `(${e}) AS ${ident(n)}`);
    const added = columns.filter(([n]) => !names.has(n)).map(([n, e]) => `, (${e}) AS ${ident(n)}`);
    return this.derive(
      `SELECT *${replaced.length ? ` REPLACE (${replaced.join(', ')})` : ''}${added.join('')} FROM ${this.sqlName}`,
      'frame',
      true,
    );
  }
}
