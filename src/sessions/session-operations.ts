// CreateSession, GetSession, ListSessions, StopSession, DeleteSession. A session needs no workers in
// Sluice, so it is READY as soon as it is created; it ends STOPPED (StopSession), TIMEOUT (Timeout or
// IdleTimeout minutes passed) or is deleted with its statements.
import { glueOperation, type CallContext } from '../kernel/registry.js';
import { SluiceError, alreadyExists } from '../kernel/errors.js';
import { pageByOffset } from '../kernel/pagination.js';
import { glueArn } from '../kernel/arn.js';
import { deleteTags, getTags, putTags } from '../tags/tags.js';
import type { Session } from '../kernel/glue-types.js';
import { endSession, findSessionRow, requireSession, sessionNotFound, viewSession } from './session-repo.js';

/** Glue's default session Timeout (minutes); IdleTimeout defaults to the Timeout. */
export const DEFAULT_TIMEOUT = 2880;

const arnOf = (ctx: CallContext, id: string) => glueArn(ctx, 'session', id);

export const sessionOperations = [
  glueOperation(
    'CreateSession',
    async (input, ctx) => {
      const { Id, Tags, Timeout, RequestOrigin, ...fields } = input;
      const now = new Date();
      const timeout = Timeout ?? DEFAULT_TIMEOUT;
      const session: Session = { ...fields, Id, CreatedOn: now, Status: 'READY', Progress: 0, IdleTimeout: fields.IdleTimeout ?? timeout };
      await ctx.services.store.transaction(async (trx) => {
        if (await findSessionRow(trx, Id)) throw alreadyExists(`Session ${Id} already exists.`);
        await trx
          .insertInto('sessions')
          .values({
            id: Id,
            status: 'READY',
            doc: JSON.stringify(session),
            request_origin: RequestOrigin ?? null,
            statement_seq: 0,
            timeout_minutes: timeout,
            idle_timeout_minutes: session.IdleTimeout!,
            created_on: now.getTime(),
            active_on: now.getTime(),
          })
          .execute();
        await putTags(trx, arnOf(ctx, Id), Tags);
      });
      return { Session: session };
    },
    {
      partial:
        'Statements are SQL on DuckDB over the Data Catalog (Python code ends in ERROR); workers, Connections and SecurityConfiguration are kept, not used',
    },
  ),

  glueOperation('GetSession', async (input, ctx) => ({ Session: (await requireSession(ctx.services.store.db, input.Id)).session })),

  glueOperation('ListSessions', async (input, ctx) => {
    const { db } = ctx.services.store;
    let rows = await db.selectFrom('sessions').selectAll().orderBy('created_on').orderBy('id').execute();
    const wanted = Object.entries(input.Tags ?? {});
    if (wanted.length) {
      const tagged = [];
      for (const r of rows) {
        const tags = await getTags(db, arnOf(ctx, r.id));
        if (wanted.every(([k, v]) => tags[k] === v)) tagged.push(r);
      }
      rows = tagged;
    }
    const page = pageByOffset(rows, input.NextToken, input.MaxResults);
    const Sessions = [];
    for (const r of page.items) Sessions.push(await viewSession(db, r));
    return { Ids: page.items.map((r) => r.id), Sessions, NextToken: page.nextToken };
  }),

  glueOperation('StopSession', async (input, ctx) => {
    const { db } = ctx.services.store;
    const { row, session } = await requireSession(db, input.Id);
    if (session.Status !== 'READY' && session.Status !== 'PROVISIONING') {
      throw new SluiceError(
        'IllegalSessionStateException',
        `Session ${input.Id} is ${session.Status}; only a READY session can be stopped.`,
      );
    }
    // A statement still running keeps the session STOPPING; the statement's end completes the stop.
    const running = await db
      .selectFrom('session_statements')
      .select('id')
      .where('session_id', '=', input.Id)
      .where('state', 'in', ['RUNNING', 'CANCELLING'])
      .executeTakeFirst();
    await endSession(db, row, running ? 'STOPPING' : 'STOPPED', ['READY', 'PROVISIONING']);
    return { Id: input.Id };
  }),

  glueOperation('DeleteSession', async (input, ctx) => {
    await ctx.services.store.transaction(async (trx) => {
      if (!(await findSessionRow(trx, input.Id))) throw sessionNotFound(input.Id);
      await trx.deleteFrom('session_statements').where('session_id', '=', input.Id).execute();
      await trx.deleteFrom('sessions').where('id', '=', input.Id).execute();
      await deleteTags(trx, arnOf(ctx, input.Id));
    });
    return { Id: input.Id };
  }),
];
