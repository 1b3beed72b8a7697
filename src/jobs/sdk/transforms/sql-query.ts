// SQL over frames (Glue Studio's SQL Query node): each frame is visible under its alias as a CTE.
import { invalidInput } from '../../../kernel/errors.js';
import type { RunSession } from '../../runtime/run-session.js';
import { Frame } from '../frame.js';
import { ident } from '../sql.js';

export async function sqlOverFrames(session: RunSession, query: string, frames: Record<string, Frame>): Promise<Frame> {
  if (typeof query !== 'string' || !query.trim()) throw invalidInput('sql needs a query');
  const body = query.trim().replace(/;\s*$/, '');
  const ctes = Object.entries(frames).map(([alias, f]) => `${ident(alias)} AS (SELECT * FROM ${f.sqlName})`);
  if (!ctes.length) return new Frame(session, '').derive(body, 'sql');
  const m = /^with\s+(recursive\s+)?/i.exec(body);
  const select = m ? `WITH ${m[1] ?? ''}${ctes.join(', ')}, ${body.slice(m[0].length)}` : `WITH ${ctes.join(', ')} ${body}`;
  return new Frame(session, '').derive(select, 'sql');
}
