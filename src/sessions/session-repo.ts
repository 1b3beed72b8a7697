// Sessions and statements in the store. A session's status is worked out when it is read: a READY
// session past its Timeout, or idle past its IdleTimeout, is TIMEOUT from then on (recorded once,
// compare-and-set on the status, so two readers cannot both move it).
import type { Kysely } from 'kysely';
import { notFound } from '../kernel/errors.js';
import { reviveDates } from '../kernel/shape-codec.js';
import type { Session, SessionStatus, Statement } from '../kernel/glue-types.js';
import type { DB, SessionRow, SessionStatementRow } from '../store/schema.js';

/** Milliseconds in a "minute" of Timeout/IdleTimeout; tests shorten it (SLUICE_SESSION_MINUTE_MS). */
export const minuteMs = () => Number(process.env.SLUICE_SESSION_MINUTE_MS ?? 60_000);

export const ENDED: SessionStatus[] = ['STOPPED', 'TIMEOUT', 'FAILED'];

export const sessionNotFound = (id: string) => notFound(`Session ${id} not found.`);

const docOf = (row: Pick<SessionRow, 'doc'>) => reviveDates<Session>('Session', JSON.parse(row.doc));

export async function findSessionRow(db: Kysely<DB>, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The session as Glue shows it now (timing out a READY session that has passed its limits). */
export async function viewSession(db: Kysely<DB>, row: SessionRow, now = Date.now()): Promise<Session> {
  const s = docOf(row);
  const minute = minuteMs();
  const limit = Math.min(row.created_on + row.timeout_minutes * minute, row.active_on + row.idle_timeout_minutes * minute);
  if (row.status === 'READY' && now >= limit) {
    const timedOut = await endSession(db, row, 'TIMEOUT', ['READY'], new Date(limit));
    if (timedOut) return timedOut;
    const again = await findSessionRow(db, row.id);
    return again ? viewSession(db, again, now) : s;
  }
  const end = s.CompletedOn?.getTime() ?? now;
  return { ...s, Status: row.status as SessionStatus, ExecutionTime: Math.max(0, Math.round((end - row.created_on) / 1000)) };
}

/** The session, or EntityNotFoundException with Glue's words. */
export async function requireSession(db: Kysely<DB>, id: string): Promise<{ row: SessionRow; session: Session }> {
  const row = await findSessionRow(db, id);
  if (!row) throw sessionNotFound(id);
  const session = await viewSession(db, row);
  return { row: { ...row, status: session.Status! }, session };
}

/** Moves the session from one of the from statuses to an ended one; undefined when it was not in them. */
export async function endSession(
  db: Kysely<DB>,
  row: SessionRow,
  status: SessionStatus,
  from: SessionStatus[],
  at = new Date(),
): Promise<Session | undefined> {
  const s: Session = {
    ...docOf(row),
    Status: status,
    CompletedOn: ENDED.includes(status) ? at : undefined,
    ExecutionTime: Math.max(0, Math.round((at.getTime() - row.created_on) / 1000)),
  };
  const r = await db
    .updateTable('sessions')
    .set({ status, doc: JSON.stringify(s) })
    .where('id', '=', row.id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0 ? s : undefined;
}

export const statementFromRow = (row: Pick<SessionStatementRow, 'doc'>): Statement => JSON.parse(row.doc) as Statement;

export async function findStatementRow(db: Kysely<DB>, sessionId: string, id: number): Promise<SessionStatementRow | undefined> {
  return db.selectFrom('session_statements').selectAll().where('session_id', '=', sessionId).where('id', '=', id).executeTakeFirst();
}

/** Replaces the statement if it is in one of the from states; false when another change came first. */
export async function moveStatement(db: Kysely<DB>, sessionId: string, next: Statement, from: string[]): Promise<boolean> {
  const r = await db
    .updateTable('session_statements')
    .set({ state: next.State!, doc: JSON.stringify(next) })
    .where('session_id', '=', sessionId)
    .where('id', '=', next.Id!)
    .where('state', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
