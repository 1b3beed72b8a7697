// Quarantine: rows that fail parsing or a rule leave the frame for the run's quarantine table, with
// a reason, never silently (rows in = rows out + rows quarantined). The quarantined rows are kept
// as queries over the same inputs and written when the run commits (runtime/write-quarantine.ts).
import { invalidInput } from '../../../kernel/errors.js';
import type { Frame } from '../frame.js';
import { literal } from '../sql.js';

/** Records the rows where condition holds (null counts as false) as quarantined, with reasonSql per row. */
export async function quarantineRows(frame: Frame, condition: string, reasonSql: string, exclude: string[] = []): Promise<void> {
  const drop = exclude.length ? ` EXCLUDE (${exclude.join(', ')})` : '';
  const bad = await frame.derive(
    `SELECT *${drop}, CAST(${reasonSql} AS VARCHAR) AS __reason FROM ${frame.sqlName} WHERE coalesce((${condition}), false)`,
    'quarantine',
  );
  frame.session.quarantines.push(bad.name);
}

export async function quarantine(frame: Frame, condition: string, reason: string | { sql: string }): Promise<Frame> {
  if (typeof condition !== 'string' || !condition.trim()) throw invalidInput('quarantine needs a SQL condition');
  const reasonSql = typeof reason === 'string' ? literal(reason) : reason?.sql;
  if (!reasonSql) throw invalidInput('quarantine needs a reason');
  await quarantineRows(frame, condition, reasonSql);
  return frame.derive(`SELECT * FROM ${frame.sqlName} WHERE NOT coalesce((${condition}), false)`);
}
