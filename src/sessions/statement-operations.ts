// RunStatement, GetStatement, ListStatements, CancelStatement. RunStatement records the statement
// RUNNING, runs it to the end within the call (clients poll GetStatement, as with Glue, and find it
// finished) and records its output. CancelStatement marks a running statement CANCELLING: when it
// ends its output is discarded and it is CANCELLED.
import { glueOperation } from '../kernel/registry.js';
import { SluiceError } from '../kernel/errors.js';
import { pageByOffset } from '../kernel/pagination.js';
import type { Statement } from '../kernel/glue-types.js';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.js';
import { endSession, findSessionRow, findStatementRow, moveStatement, requireSession, statementFromRow } from './session-repo.js';
import { execute, finishedStatement } from './run-statement.js';

const illegal = (message: string) => new SluiceError('IllegalSessionStateException', message);

async function requireStatement(db: Kysely<DB>, sessionId: string, id: number): Promise<Statement> {
  const row = await findStatementRow(db, sessionId, id);
  if (!row) throw new SluiceError('EntityNotFoundException', `Statement ${id} not found in session ${sessionId}.`);
  return statementFromRow(row);
}

/** A session stopped while this statement ran is STOPPED once it ends. */
async function afterStatement(db: Kysely<DB>, sessionId: string, now: number): Promise<void> {
  await db.updateTable('sessions').set({ active_on: now }).where('id', '=', sessionId).execute();
  const row = await findSessionRow(db, sessionId);
  if (row?.status === 'STOPPING') await endSession(db, row, 'STOPPED', ['STOPPING']);
}

export const statementOperations = [
  glueOperation(
    'RunStatement',
    async (input, ctx) => {
      const { db } = ctx.services.store;
      const started = Date.now();
      const statement = await ctx.services.store.transaction(async (trx) => {
        // Bumping the counter first takes the write lock, so two statements never get one Id.
        await trx
          .updateTable('sessions')
          .set((eb) => ({ statement_seq: eb('statement_seq', '+', 1) }))
          .where('id', '=', input.SessionId)
          .execute();
        const { session, row } = await requireSession(trx, input.SessionId);
        if (session.Status !== 'READY') {
          throw illegal(`Session ${input.SessionId} is ${session.Status}; statements run only in a READY session.`);
        }
        const s: Statement = { Id: row.statement_seq - 1, Code: input.Code, State: 'RUNNING', Progress: 0, StartedOn: started };
        await trx
          .insertInto('session_statements')
          .values({ session_id: input.SessionId, id: s.Id!, state: 'RUNNING', doc: JSON.stringify(s) })
          .execute();
        return s;
      });
      const output = await execute(ctx.services, input.Code, statement.Id! + 1);
      const now = Date.now();
      const done = await moveStatement(db, input.SessionId, finishedStatement(statement, output, now), ['RUNNING']);
      if (!done)
        await moveStatement(db, input.SessionId, { ...statement, State: 'CANCELLED', Progress: 1, CompletedOn: now }, ['CANCELLING']);
      await afterStatement(db, input.SessionId, now);
      return { Id: statement.Id };
    },
    { partial: 'Code is SQL (DuckDB over the Data Catalog, %%sql accepted); Python code ends in ERROR saying so' },
  ),

  glueOperation('GetStatement', async (input, ctx) => {
    const { db } = ctx.services.store;
    await requireSession(db, input.SessionId);
    return { Statement: await requireStatement(db, input.SessionId, input.Id) };
  }),

  glueOperation('ListStatements', async (input, ctx) => {
    const { db } = ctx.services.store;
    await requireSession(db, input.SessionId);
    const rows = await db.selectFrom('session_statements').selectAll().where('session_id', '=', input.SessionId).orderBy('id').execute();
    const page = pageByOffset(rows, input.NextToken, undefined);
    return { Statements: page.items.map(statementFromRow), NextToken: page.nextToken };
  }),

  glueOperation('CancelStatement', async (input, ctx) => {
    const { db } = ctx.services.store;
    await requireSession(db, input.SessionId);
    const s = await requireStatement(db, input.SessionId, input.Id);
    const moved = s.State === 'RUNNING' && (await moveStatement(db, input.SessionId, { ...s, State: 'CANCELLING' }, ['RUNNING']));
    if (!moved) {
      const now = await requireStatement(db, input.SessionId, input.Id);
      if (now.State !== 'CANCELLING')
        throw illegal(`Statement ${input.Id} has already ended (${now.State}); only a running statement can be cancelled.`);
    }
    return {};
  }),
];
