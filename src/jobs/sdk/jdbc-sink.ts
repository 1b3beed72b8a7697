// Writing a frame to a catalog table that lives in a JDBC database (a JDBC crawler's table): the
// frame is exported once as CSV from DuckDB (QueryEngine.exportCsv) and bulk-loaded in one
// transaction (connectors/jdbc/load.ts) that stays open until the run commits: commit-run.ts
// commits it as the last step inside the metadata transaction that records the run SUCCEEDED, and a
// run that fails, is stopped or is killed before that rolls it back (or its connection drops), so
// the target is left as it was. Modes: append, overwrite (truncate and load), upsert (by upsertKeys).
import { invalidInput } from '../../kernel/errors.js';
import type { Table } from '../../kernel/glue-types.js';
import { csvDialect, namedEndpoint, prepareLoad, type LoadMode } from '../../connectors/index.js';
import { crashPoint } from '../../runs/crash-points.js';
import type { RunSession } from '../runtime/run-session.js';
import type { Frame } from './frame.js';
import { ident } from './sql.js';
import type { Sink, WriteSummary } from './types.js';

const MODES: LoadMode[] = ['append', 'overwrite', 'upsert'];

export async function writeJdbcTable(session: RunSession, frame: Frame, table: Table, sink: Sink): Promise<WriteSummary> {
  const mode = (sink.mode ?? 'append') as LoadMode;
  if (!MODES.includes(mode)) throw invalidInput(`Write mode ${mode} is not one of ${MODES.join(', ')} for a table in a database`);
  if (sink.partitionKeys?.length) throw invalidInput('A table in a database takes no partitionKeys');
  const qualified = `${table.DatabaseName}.${table.Name}`;
  session.bounds?.writeTable(table.DatabaseName!, table.Name);
  const ep = await namedEndpoint(session.services, session.accountId, table.Parameters!.connectionName);
  const columns = await frame.schema();
  const engine = await session.engine();
  const mysql = ep.url.engine === 'mysql';
  // Values the loaders read as written: booleans as 1/0 for MySQL, binary as \x hex for PostgreSQL.
  const items = columns.map((c) => {
    const t = c.type.toUpperCase();
    if (t === 'BOOLEAN' && mysql) return `CAST(${ident(c.name)} AS INTEGER) AS ${ident(c.name)}`;
    if (t === 'BLOB' && !mysql) return `'\\x' || hex(${ident(c.name)}) AS ${ident(c.name)}`;
    return ident(c.name);
  });
  await session.progress(`writing ${qualified}`, true);
  session.log('info', 'writing', { table: qualified, connection: ep.connection, mode });
  const exported = await engine.exportCsv(`SELECT ${items.join(', ')} FROM ${frame.sqlName}`, csvDialect(ep));
  const load = await prepareLoad(ep, {
    table: table.StorageDescriptor?.Location ?? table.Name,
    columns: columns.map((c) => c.name),
    mode,
    keys: sink.upsertKeys,
    file: exported.file,
  });
  session.remoteLoads.push({ label: qualified, load });
  crashPoint('jdbc-loaded');
  session.metrics.rowsWritten += load.rows;
  if (frame.rowsOf) session.sourceRows.set(frame.rowsOf, exported.rows);
  const location = `${ep.urlText} ${table.StorageDescriptor?.Location ?? table.Name}`;
  session.lineage.outputs.push({ kind: 'table', name: qualified, location });
  session.log('info', 'output staged', { table: qualified, rows: load.rows, mode, transaction: 'open until the run commits' });
  await session.progress('written', true);
  return { rows: load.rows, files: 0, bytes: 0, location };
}
