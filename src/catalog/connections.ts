// Connections: Create/Get/GetConnections/Update/Delete. Secrets (any property whose name says
// PASSWORD or SECRET) are kept but never returned, whatever HidePassword says: a local tool should
// not print credentials into terminals and logs. With the catalog's ConnectionPasswordEncryption on,
// the password is kept sealed (security/encryption/connection-passwords.ts).
import { glueOperation } from '../kernel/registry.js';
import { alreadyExists, notFound } from '../kernel/errors.js';
import { reviveDates } from '../kernel/shape-codec.js';
import { pageByOffset } from '../kernel/pagination.js';
import { putTags } from '../tags/tags.js';
import type { Connection, ConnectionInput } from '../kernel/glue-types.js';
import { catalogIdOf } from './common.js';

/** A password or secret value; SECRET_ID and …_SECRETS_ARN only name where a secret is kept, and are returned. */
const isSecret = (key: string) => /PASSWORD|SECRET/i.test(key) && !/(_ID|_ARN)$/i.test(key);

function redact(c: Connection): Connection {
  const props = Object.fromEntries(Object.entries(c.ConnectionProperties ?? {}).filter(([k]) => !isSecret(k)));
  return { ...c, ConnectionProperties: props };
}

function toConnection(input: ConnectionInput, created: Date, previous?: Connection): Connection {
  const { ValidateCredentials: _v, ValidateForComputeEnvironments: _e, AuthenticationConfiguration: _a, ...rest } = input;
  return { ...rest, CreationTime: previous?.CreationTime ?? created, LastUpdatedTime: new Date(), Status: 'READY' };
}

export const connectionOperations = [
  glueOperation(
    'CreateConnection',
    async (input, ctx) => {
      const catalogId = catalogIdOf(input, ctx);
      const now = new Date();
      const conn = toConnection(input.ConnectionInput, now);
      await ctx.services.store.transaction(async (trx) => {
        conn.ConnectionProperties = await ctx.services.security.sealConnectionPassword(
          ctx.services,
          trx,
          catalogId,
          conn.ConnectionProperties,
        );
        const exists = await trx
          .selectFrom('catalog_connections')
          .select('name')
          .where('catalog_id', '=', catalogId)
          .where('name', '=', conn.Name!)
          .executeTakeFirst();
        if (exists) throw alreadyExists(`Connection already exists.`);
        await trx
          .insertInto('catalog_connections')
          .values({ catalog_id: catalogId, name: conn.Name!, doc: JSON.stringify(conn), create_time: now.getTime() })
          .execute();
      });
      await putTags(ctx.services.store.db, `arn:aws:glue:${ctx.region}:${catalogId}:connection/${conn.Name}`, input.Tags);
      return { CreateConnectionStatus: 'READY' };
    },
    { partial: 'AuthenticationConfiguration and credential validation are not supported' },
  ),

  glueOperation('GetConnection', async (input, ctx) => {
    const row = await ctx.services.store.db
      .selectFrom('catalog_connections')
      .select('doc')
      .where('catalog_id', '=', catalogIdOf(input, ctx))
      .where('name', '=', input.Name)
      .executeTakeFirst();
    if (!row) throw notFound(`Connection ${input.Name} not found.`);
    return { Connection: redact(reviveDates<Connection>('Connection', JSON.parse(row.doc))) };
  }),

  glueOperation('GetConnections', async (input, ctx) => {
    const rows = await ctx.services.store.db
      .selectFrom('catalog_connections')
      .select('doc')
      .where('catalog_id', '=', catalogIdOf(input, ctx))
      .orderBy('name')
      .execute();
    const f = input.Filter;
    const list = rows
      .map((r) => reviveDates<Connection>('Connection', JSON.parse(r.doc)))
      .filter((c) => !f?.ConnectionType || c.ConnectionType === f.ConnectionType)
      .filter((c) => !f?.MatchCriteria?.length || f.MatchCriteria.every((m) => c.MatchCriteria?.includes(m)));
    const page = pageByOffset(list, input.NextToken, input.MaxResults);
    return { ConnectionList: page.items.map(redact), NextToken: page.nextToken };
  }),

  glueOperation('UpdateConnection', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    await ctx.services.store.transaction(async (trx) => {
      const row = await trx
        .selectFrom('catalog_connections')
        .select('doc')
        .where('catalog_id', '=', catalogId)
        .where('name', '=', input.Name)
        .executeTakeFirst();
      if (!row) throw notFound(`Connection ${input.Name} not found.`);
      const previous = reviveDates<Connection>('Connection', JSON.parse(row.doc));
      const conn = toConnection(input.ConnectionInput, new Date(), previous);
      // A password left out of the update keeps its old value, so an update never has to repeat it.
      for (const [k, v] of Object.entries(previous.ConnectionProperties ?? {})) {
        if (isSecret(k) && !(k in (conn.ConnectionProperties ?? {}))) conn.ConnectionProperties = { ...conn.ConnectionProperties, [k]: v };
      }
      conn.ConnectionProperties = await ctx.services.security.sealConnectionPassword(
        ctx.services,
        trx,
        catalogId,
        conn.ConnectionProperties,
      );
      await trx.deleteFrom('catalog_connections').where('catalog_id', '=', catalogId).where('name', '=', input.Name).execute();
      await trx
        .insertInto('catalog_connections')
        .values({ catalog_id: catalogId, name: conn.Name!, doc: JSON.stringify(conn), create_time: previous.CreationTime!.getTime() })
        .execute();
    });
    return {};
  }),

  glueOperation('DeleteConnection', async (input, ctx) => {
    const r = await ctx.services.store.db
      .deleteFrom('catalog_connections')
      .where('catalog_id', '=', catalogIdOf(input, ctx))
      .where('name', '=', input.ConnectionName)
      .executeTakeFirst();
    if (!Number(r.numDeletedRows)) throw notFound(`Connection ${input.ConnectionName} not found.`);
    return {};
  }),
];
