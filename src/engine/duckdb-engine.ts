// The QueryEngine over one in-memory DuckDB database. Statements run one at a time (DuckDB's
// connection is not meant for interleaved calls), and every DuckDB error leaves through
// classifyDuckDBError.
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { SluiceError, invalidInput } from '../kernel/errors.js';
import type { Storage } from '../storage/storage.js';
import { classifyDuckDBError } from './classify-error.js';
import { prepareSource } from './prepare-source.js';
import type { FileSource, ParquetTarget, QueryEngine, QueryResult, RegisteredSource, TableRef, WriteResult } from './query-engine.js';
import { lockSandbox } from './sandbox.js';
import { tableRefs } from './table-refs.js';
import { ident, literal, qualifiedName } from './sql-text.js';
import { jsonConverter } from './to-json.js';
import { writeParquetAtomically } from './write-parquet.js';

export interface EngineParts {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  storage: Storage;
  /** The engine's own folder: downloads, partition links, schema files, COPY output, spill. */
  scratch: string;
  sandbox: boolean;
}

export class DuckDBEngine implements QueryEngine {
  private queue: Promise<unknown> = Promise.resolve();
  private locked = false;
  private closed = false;
  private seq = 0;
  /** What the sandbox must still let DuckDB read once it is locked. */
  private readonly allowedPaths = new Set<string>();
  private readonly allowedDirs = new Set<string>();

  constructor(private readonly parts: EngineParts) {
    this.allowedDirs.add(parts.scratch);
  }

  registerFiles(name: string, source: FileSource): Promise<RegisteredSource> {
    return this.serial(async () => {
      if (this.locked)
        throw new SluiceError('InvalidStateException', `Cannot register ${name}: the sandboxed engine is locked once SQL has run`);
      validateSource(name, source);
      const dir = this.scratchDir('src');
      const prepared = await prepareSource(source, { storage: this.parts.storage, dir, exec: (sql) => this.run(sql) });
      const view = qualifiedName(name);
      if (view.schema) await this.run(`CREATE SCHEMA IF NOT EXISTS ${ident(view.schema)}`);
      const masked = maskedSelect(source, prepared.sql);
      if (masked && this.parts.sandbox) {
        // The rows are read now, with the masked columns already NULL, and the files (and any
        // decrypted or downloaded copy in scratch) stay out of the sandbox's reach.
        await this.run(`CREATE OR REPLACE TABLE ${view.sql} AS ${masked}`, `Cannot read ${name}`);
        await rm(dir, { recursive: true, force: true });
        return { rejects: prepared.rejects, files: prepared.files };
      }
      prepared.allowedPaths.forEach((p) => this.allowedPaths.add(p));
      prepared.allowedDirs.forEach((d) => this.allowedDirs.add(d));
      await this.run(`CREATE OR REPLACE VIEW ${view.sql} AS ${masked ?? prepared.sql}`, `Cannot read ${name}`);
      return { rejects: prepared.rejects, files: prepared.files };
    });
  }

  query(sql: string, options: { maxRows?: number } = {}): Promise<QueryResult> {
    return this.serial(async () => {
      await this.lockIfSandboxed();
      const { maxRows } = options;
      if (maxRows !== undefined && (!Number.isInteger(maxRows) || maxRows < 0))
        throw invalidInput(`maxRows must be a whole number ≥ 0, not ${maxRows}`);
      const c = this.parts.connection;
      const reader = await guard(() => (maxRows === undefined ? c.runAndReadAll(sql) : c.streamAndReadUntil(sql, maxRows + 1)));
      const names = reader.columnNames();
      const columns = reader.columnTypes().map((t, i) => ({ name: names[i], type: t.toString() }));
      let rows = reader.convertRowObjects(jsonConverter) as Record<string, unknown>[];
      const truncated = maxRows !== undefined && rows.length > maxRows;
      if (truncated) rows = rows.slice(0, maxRows);
      return truncated ? { columns, rows, truncated } : { columns, rows };
    });
  }

  referencedTables(sql: string): Promise<TableRef[]> {
    return this.serial(() => guard(() => tableRefs(this.parts.connection, sql)));
  }

  writeParquet(sql: string, target: ParquetTarget): Promise<WriteResult> {
    return this.serial(async () => {
      await this.lockIfSandboxed();
      return writeParquetAtomically(sql, target, {
        storage: this.parts.storage,
        dir: this.scratchDir('out'),
        exec: (s) => this.run(s),
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => {});
    this.parts.connection.closeSync();
    this.parts.instance.closeSync();
    await rm(this.parts.scratch, { recursive: true, force: true });
  }

  private scratchDir(kind: string): string {
    return join(this.parts.scratch, `${kind}-${++this.seq}`);
  }

  private async run(sql: string, context?: string): Promise<Record<string, unknown> | undefined> {
    const reader = await guard(() => this.parts.connection.runAndReadAll(sql), context);
    return reader.getRowObjectsJson()[0] as Record<string, unknown> | undefined;
  }

  private async lockIfSandboxed(): Promise<void> {
    if (!this.parts.sandbox || this.locked) return;
    await lockSandbox((sql) => this.run(sql), { paths: [...this.allowedPaths], dirs: [...this.allowedDirs] });
    this.locked = true;
  }

  /** Runs fn after everything queued before it, whatever their outcome. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new SluiceError('InvalidStateException', 'The query engine is closed'));
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => {});
    return next;
  }
}

async function guard<T>(fn: () => Promise<T>, context?: string): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw classifyDuckDBError(e, context);
  }
}

/** The source's query with its masked columns replaced by typed NULLs; undefined when nothing is masked. */
function maskedSelect(source: FileSource, sql: string): string | undefined {
  const masked = [...new Map((source.masked ?? []).map((c) => [c.toLowerCase(), c])).values()];
  if (!masked.length) return undefined;
  const types = new Map([...(source.columns ?? []), ...(source.partitions?.keys ?? [])].map((c) => [c.name.toLowerCase(), c.type]));
  // A masked column the source does not declare is VARCHAR; one the files lack fails the REPLACE,
  // so a masking that cannot apply refuses to read rather than showing the column.
  const nulls = masked.map((c) => `CAST(NULL AS ${types.get(c.toLowerCase()) ?? 'VARCHAR'}) AS ${ident(c)}`);
  return `SELECT * REPLACE (${nulls.join(', ')}) FROM (${sql})`;
}

function validateSource(name: string, source: FileSource): void {
  if (!/^[^.]+(\.[^.]+)?$/.test(name)) throw invalidInput(`A view name is 'view' or 'schema.view', not '${name}'`);
  if (!['csv', 'tsv', 'json', 'parquet', 'avro', 'xml'].includes(source.format)) {
    throw invalidInput(`Cannot read format '${String(source.format)}'; use csv, tsv, json, parquet, avro or xml`);
  }
  if (!Array.isArray(source.paths)) throw invalidInput(`paths of ${name} must be a list`);
  // Every file of a partitioned view sits in key=value folders; loose files would have none.
  if (source.partitions && source.paths.length) throw invalidInput(`${name}: give files either as paths or as partitions, not both`);
  const keys = source.partitions?.keys.length ?? 0;
  for (const p of source.partitions?.list ?? []) {
    if (p.values.length !== keys)
      throw invalidInput(`A partition of ${name} has ${p.values.length} values for ${keys} partition keys: ${literal(p.values)}`);
  }
}
