// What happens between the script's end and the commit: quarantined rows are written to the
// quarantine table, and the counts that need a query (rows read, rows dropped) are taken.
import { join } from 'node:path';
import { Frame } from '../sdk/frame.js';
import { writeFrame } from '../sdk/sink.js';
import { ident, literal } from '../sdk/sql.js';
import type { RunSession } from './run-session.js';

/** Where a job's quarantined rows go: --quarantine-path, --quarantine-database / --quarantine-table. */
export function quarantineSink(session: RunSession) {
  const a = session.args;
  const firstTable = session.outputs.find((o) => o.table)?.table;
  const database = a['--quarantine-database'] ?? firstTable?.database;
  const table = a['--quarantine-table'] ?? `${session.job.Name!.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_quarantine`;
  const path = a['--quarantine-path'] ?? join(session.services.config.zones.processed, '_quarantine', session.job.Name!);
  return database ? { path, database, table } : { path };
}

export async function writeQuarantine(session: RunSession): Promise<void> {
  if (!session.quarantines.length) return;
  const engine = await session.engine();
  const parts: string[] = [];
  for (const view of session.quarantines) {
    const columns = await new Frame(session, view).schema();
    const data = columns.filter((c) => c.name !== '__reason');
    const file = data.find((c) => c.name === '_source_file');
    const row = `to_json(struct_pack(${data.map((c) => `${ident(c.name)} := ${ident(c.name)}`).join(', ')}))::VARCHAR`;
    parts.push(
      `SELECT __reason AS _reason, ${file ? `CAST(${ident(file.name)} AS VARCHAR)` : 'CAST(NULL AS VARCHAR)'} AS _source_file, ${row} AS _row FROM ${ident(view)}`,
    );
  }
  const ts = `${literal(new Date(session.startTime).toISOString().replace('T', ' ').replace('Z', ''))}::TIMESTAMP`;
  const name = session.nextName('quarantined');
  await engine.query(
    `CREATE OR REPLACE TEMP VIEW ${ident(name)} AS SELECT ${literal(session.runId)} AS _run_id, ${ts} AS _quarantined_at, * FROM (${parts.join(' UNION ALL ')})`,
  );
  await writeFrame(session, new Frame(session, name), { ...quarantineSink(session), mode: 'append' }, { quarantine: true });
}

/**
 * Rows read per source and rows dropped on purpose. A source whose rows were written as they are
 * (projections only) is known from that write; any other takes a count, a second scan of its input,
 * which --count-input-rows false skips (rowsRead is then left 0 rather than part of the total).
 */
export async function countRows(session: RunSession): Promise<void> {
  const unknown = session.sourceViews.filter((v) => !session.sourceRows.has(v));
  const scan = session.args['--count-input-rows'] !== 'false';
  if (unknown.length && !scan) return;
  for (const view of session.sourceViews) session.metrics.rowsRead += session.sourceRows.get(view) ?? 0;
  if (!scan) return;
  const engine = await session.engine();
  for (const view of unknown) {
    const n = Number((await engine.query(`SELECT count(*) AS n FROM ${ident(view)}`)).rows[0].n);
    session.sourceRows.set(view, n);
    session.metrics.rowsRead += n;
  }
  for (const step of session.dropSteps) session.metrics.rowsDropped += Number((await engine.query(step.sql)).rows[0].n);
}
