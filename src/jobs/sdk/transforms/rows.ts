// Filter and Map with JavaScript functions, and frames from rows: rows leave DuckDB as JSON, pass
// through the function, and come back as a newline-delimited JSON file read with the original
// column types. Use a SQL predicate or withColumn where you can: they never leave DuckDB.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { invalidInput } from '../../../kernel/errors.js';
import type { RunSession } from '../../runtime/run-session.js';
import { Frame } from '../frame.js';
import type { Column, Row } from '../types.js';
import { ident } from '../sql.js';

export async function filterRows(frame: Frame, predicate: string | ((row: Row) => boolean)): Promise<Frame> {
  if (typeof predicate === 'string') return frame.derive(`SELECT * FROM ${frame.sqlName} WHERE ${predicate}`);
  if (typeof predicate !== 'function') throw invalidInput('Filter needs a SQL predicate or a function');
  const rows = (await frame.toRows()).filter((r) => predicate(r));
  return framefromRows(frame.session, rows, await frame.schema(), true);
}

export async function mapRows(frame: Frame, fn: (row: Row) => Row): Promise<Frame> {
  if (typeof fn !== 'function') throw invalidInput('Map needs a function from row to row');
  const rows = (await frame.toRows()).map((r, i) => {
    const out = fn({ ...r });
    if (!out || typeof out !== 'object' || Array.isArray(out))
      throw invalidInput(`Map's function returned ${JSON.stringify(out)} for row ${i}; it must return an object`);
    return out;
  });
  return framefromRows(frame.session, rows, await frame.schema(), false);
}

/**
 * A frame over rows. With exact, the rows have exactly `columns`; otherwise the columns are
 * detected and those that kept a known name get their known type back.
 */
export async function framefromRows(session: RunSession, rows: Row[], columns: Column[] | undefined, exact: boolean): Promise<Frame> {
  const engine = await session.engine();
  const name = session.nextName('rows');
  const dir = join(session.services.root, session.scratchRoot, 'rows');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  await writeFile(file, rows.map((r) => JSON.stringify(r)).join('\n'));
  const known = new Map((columns ?? []).map((c) => [c.name, c.type]));
  if (exact || rows.length === 0) {
    if (!columns?.length) throw invalidInput('Cannot make a frame from no rows without knowing its columns');
    await engine.registerFiles(name, { format: 'json', paths: [file], columns, options: { format: 'newline_delimited' } });
    return new Frame(session, name);
  }
  const raw = `${name}_raw`;
  await engine.registerFiles(raw, { format: 'json', paths: [file], options: { format: 'newline_delimited' } });
  const frame = new Frame(session, raw);
  const items = (await frame.schema()).map((c) => {
    const t = known.get(c.name);
    return t && t !== c.type ? `TRY_CAST(${ident(c.name)} AS ${t}) AS ${ident(c.name)}` : ident(c.name);
  });
  return frame.derive(`SELECT ${items.join(', ')} FROM ${frame.sqlName}`, 'rows');
}
