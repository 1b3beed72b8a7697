// Writing a frame: Parquet into the run's scratch folder now, moved into place at the commit.
import { join, relative, sep } from 'node:path';
import { findColumn } from '../../kernel/column-names.js';
import { invalidInput } from '../../kernel/errors.js';
import { findTable } from '../../catalog/common.js';
import { resolveLocation } from '../../config/locations.js';
import type { PendingOutput, RunSession, WriteMode } from '../runtime/run-session.js';
import type { Frame } from './frame.js';
import type { Sink, WriteSummary } from './types.js';

import { isJdbcTable } from './jdbc-source.js';
import { writeJdbcTable } from './jdbc-sink.js';

const MODES: WriteMode[] = ['append', 'overwrite', 'overwrite-partitions'];

export async function writeFrame(
  session: RunSession,
  frame: Frame,
  sink: Sink,
  options: { quarantine?: boolean } = {},
): Promise<WriteSummary> {
  const { services } = session;
  const table = sink.table ? await findTable(services.store.db, session.accountId, sink.database!, sink.table) : undefined;
  if (table && isJdbcTable(table) && !options.quarantine) return writeJdbcTable(session, frame, table, sink);
  const mode = (sink.mode ?? 'append') as WriteMode;
  if (!MODES.includes(mode)) throw invalidInput(`Write mode ${mode} is not one of ${MODES.join(', ')}`);
  if ((sink.database === undefined) !== (sink.table === undefined)) throw invalidInput('A sink names both database and table, or neither');
  if (!sink.path && !sink.table) throw invalidInput('A sink needs a path or a catalog table (database and table)');
  const location = resolveLocation(
    services.root,
    sink.path ?? table?.StorageDescriptor?.Location ?? join(services.config.zones.processed, sink.table!),
  );
  if (sink.table) session.bounds?.writeTable(sink.database!, sink.table);
  // The objects written lie under the location: s3:PutObject on <location>/.
  session.bounds?.write(location.endsWith('/') ? location : `${location}/`);
  const tableKeys = table?.PartitionKeys?.map((k) => k.Name);
  const partitionKeys = sink.partitionKeys ?? tableKeys ?? [];
  if (tableKeys && sink.partitionKeys && tableKeys.join() !== sink.partitionKeys.join()) {
    throw invalidInput(
      `Table ${sink.database}.${sink.table} is partitioned by (${tableKeys.join(', ')}), not (${sink.partitionKeys.join(', ')})`,
    );
  }
  const columns = await frame.schema();
  for (const k of partitionKeys) if (!findColumn(columns, k)) throw invalidInput(`Partition key ${k} is not a field of the frame`);
  if (partitionKeys.length && partitionKeys.length === columns.length)
    throw invalidInput('A partitioned write needs at least one field besides the partition keys');

  const scratch = join(session.scratchRoot, session.nextName('out'));
  const abs = join(services.root, scratch);
  const engine = await session.engine();
  await session.progress(`writing ${sink.table ? `${sink.database}.${sink.table}` : location}`, true);
  // The moment rows start flowing (bench/ingest.bench.ts measures start-up up to here).
  session.log('info', 'writing', { location, quarantine: options.quarantine === true });
  const result = await engine.writeParquet(`SELECT * FROM ${frame.sqlName}`, {
    location: abs,
    partitionBy: partitionKeys,
    compression: sink.compression ?? 'snappy',
    mode: 'overwrite',
  });
  const files = result.files.map((f) => ({ path: relative(abs, f.path).split(sep).join('/'), size: f.size }));
  const out: PendingOutput = {
    scratch,
    location,
    table: sink.table ? { database: sink.database!, name: sink.table } : undefined,
    mode,
    partitionKeys,
    columns,
    rows: result.rows,
    files,
    quarantine: options.quarantine,
  };
  session.outputs.push(out);
  const bytes = files.reduce((n, f) => n + f.size, 0);
  if (options.quarantine) session.metrics.rowsQuarantined += result.rows;
  else session.metrics.rowsWritten += result.rows;
  // A projection of one source: its rows read are the rows just written, no count needed later.
  if (!options.quarantine && frame.rowsOf) session.sourceRows.set(frame.rowsOf, result.rows);
  session.metrics.filesWritten += files.length;
  session.metrics.bytesWritten += bytes;
  session.lineage.outputs.push({
    kind: sink.table ? 'table' : 'path',
    name: sink.table ? `${sink.database}.${sink.table}` : location,
    location,
  });
  session.log('info', 'output staged', { location, rows: result.rows, files: files.length, mode });
  await session.progress('written', true);
  return { rows: result.rows, files: files.length, bytes, location };
}
