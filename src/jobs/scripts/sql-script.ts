// .sql job scripts: one SELECT over catalog tables (named database.table), written to the sink the
// job's arguments name: --output-path and/or --output-database with --output-table, --partition-keys
// (comma-separated), --write-mode, --compression. Each table read is bookmarked under its own name,
// and the bookmark advances when the run succeeds.
import { readFile } from 'node:fs/promises';
import { invalidInput } from '../../kernel/errors.js';
import type { RunSession } from '../runtime/run-session.js';
import { openCatalog } from '../sdk/sources.js';
import { Frame } from '../sdk/frame.js';
import { writeFrame } from '../sdk/sink.js';
import { ident } from '../sdk/sql.js';
import type { Sink, WriteMode } from '../sdk/types.js';

export function sinkFromArguments(args: Record<string, string>): Sink {
  const keys = args['--partition-keys'];
  const sink: Sink = {
    path: args['--output-path'],
    database: args['--output-database'],
    table: args['--output-table'],
    partitionKeys: keys
      ? keys
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean)
      : undefined,
    mode: (args['--write-mode'] as WriteMode | undefined) ?? 'append',
    compression: args['--compression'] as Sink['compression'],
  };
  if (!sink.path && !sink.table)
    throw invalidInput('A .sql job needs its sink in its arguments: --output-path, or --output-database and --output-table.');
  return sink;
}

export async function runSqlScript(session: RunSession, path: string): Promise<void> {
  const sql = (await readFile(path, 'utf8')).trim().replace(/;\s*$/, '');
  if (!sql) throw invalidInput(`The job script ${path} is empty.`);
  const sink = sinkFromArguments(session.args);
  const engine = await session.engine();
  // Catalog tables are always database.table; one-part names are CTEs or DuckDB's own.
  const tables = (await engine.referencedTables(sql)).filter((t) => t.schema && !t.catalog);
  const finishers = [];
  for (const t of tables) {
    const [database, table] = [t.schema!, t.name];
    finishers.push({
      database,
      table,
      finish: await openCatalog(session, { database, table, transformationCtx: `${database}.${table}`.toLowerCase() }),
    });
  }
  for (const f of finishers) {
    const frame = await f.finish();
    await engine.query(
      `CREATE SCHEMA IF NOT EXISTS ${ident(f.database)}; CREATE OR REPLACE VIEW ${ident(f.database)}.${ident(f.table)} AS SELECT * FROM ${frame.sqlName}`,
    );
  }
  const result = await new Frame(session, '').derive(sql, 'result');
  await writeFrame(session, result, sink);
  session.commitRequested = true;
}
