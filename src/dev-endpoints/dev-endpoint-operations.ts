// CreateDevEndpoint, GetDevEndpoint, GetDevEndpoints, BatchGetDevEndpoints, ListDevEndpoints,
// UpdateDevEndpoint, DeleteDevEndpoint. In Glue a dev endpoint is a provisioned Spark cluster to
// develop scripts on; in Sluice everything runs on this machine, so an endpoint is READY at once and
// its address is this machine's (README.md says what that means and what is kept but not used).
import type { Kysely } from 'kysely';
import { glueOperation, type CallContext } from '../kernel/registry.js';
import { alreadyExists, notFound } from '../kernel/errors.js';
import { pageByOffset } from '../kernel/pagination.js';
import { glueArn } from '../kernel/arn.js';
import { reviveDates } from '../kernel/shape-codec.js';
import { deleteTags, getTags, putTags } from '../tags/tags.js';
import type { DevEndpoint } from '../kernel/glue-types.js';
import type { DB } from '../store/schema.js';

/** Where a Sluice dev endpoint is reached: the machine Sluice runs on. */
export const LOCAL_ADDRESS = '127.0.0.1';

const arnOf = (ctx: CallContext, name: string) => glueArn(ctx, 'devEndpoint', name);
const fromDoc = (doc: string) => reviveDates<DevEndpoint>('DevEndpoint', JSON.parse(doc));

async function find(db: Kysely<DB>, name: string): Promise<DevEndpoint | undefined> {
  const row = await db.selectFrom('dev_endpoints').select('doc').where('name', '=', name).executeTakeFirst();
  return row && fromDoc(row.doc);
}

async function requireEndpoint(db: Kysely<DB>, name: string): Promise<DevEndpoint> {
  const e = await find(db, name);
  if (!e) throw notFound(`Dev endpoint ${name} not found.`);
  return e;
}

async function all(db: Kysely<DB>): Promise<DevEndpoint[]> {
  const rows = await db.selectFrom('dev_endpoints').select('doc').orderBy('name').execute();
  return rows.map((r) => fromDoc(r.doc));
}

const without = <T>(list: T[] | undefined, drop: T[] | undefined) => (list ?? []).filter((x) => !(drop ?? []).includes(x));

export const devEndpointOperations = [
  glueOperation(
    'CreateDevEndpoint',
    async (input, ctx) => {
      const { Tags, PublicKey, PublicKeys, ...fields } = input;
      const now = new Date();
      // A SubnetId asks for a private endpoint: Glue then gives a PrivateAddress and no PublicAddress.
      const endpoint: DevEndpoint = {
        ...fields,
        Status: 'READY',
        ...(input.SubnetId ? { PrivateAddress: LOCAL_ADDRESS } : { PublicAddress: LOCAL_ADDRESS }),
        PublicKey,
        PublicKeys: PublicKeys ?? (PublicKey ? [PublicKey] : undefined),
        CreatedTimestamp: now,
        LastModifiedTimestamp: now,
      };
      await ctx.services.store.transaction(async (trx) => {
        if (await find(trx, input.EndpointName)) throw alreadyExists(`Dev endpoint ${input.EndpointName} already exists.`);
        await trx
          .insertInto('dev_endpoints')
          .values({ name: input.EndpointName, doc: JSON.stringify(endpoint), created_on: now.getTime() })
          .execute();
        await putTags(trx, arnOf(ctx, input.EndpointName), Tags);
      });
      const { PublicAddress: _p, PrivateAddress: _q, PublicKey: _k, PublicKeys: _ks, LastModifiedTimestamp: _m, ...response } = endpoint;
      return response;
    },
    {
      partial:
        'Sluice runs everything on this machine: the endpoint is READY at once; workers, libraries, SSH keys and VPC settings are kept, not used',
    },
  ),

  glueOperation('GetDevEndpoint', async (input, ctx) => ({
    DevEndpoint: await requireEndpoint(ctx.services.store.db, input.EndpointName),
  })),

  glueOperation('GetDevEndpoints', async (input, ctx) => {
    const page = pageByOffset(await all(ctx.services.store.db), input.NextToken, input.MaxResults);
    return { DevEndpoints: page.items, NextToken: page.nextToken };
  }),

  glueOperation('BatchGetDevEndpoints', async (input, ctx) => {
    const DevEndpoints: DevEndpoint[] = [];
    const DevEndpointsNotFound: string[] = [];
    for (const name of input.DevEndpointNames) {
      const e = await find(ctx.services.store.db, name);
      if (e) DevEndpoints.push(e);
      else DevEndpointsNotFound.push(name);
    }
    return { DevEndpoints, DevEndpointsNotFound };
  }),

  glueOperation('ListDevEndpoints', async (input, ctx) => {
    const { db } = ctx.services.store;
    let names = (await all(db)).map((e) => e.EndpointName!);
    const wanted = Object.entries(input.Tags ?? {});
    if (wanted.length) {
      const tagged = [];
      for (const n of names) {
        const tags = await getTags(db, arnOf(ctx, n));
        if (wanted.every(([k, v]) => tags[k] === v)) tagged.push(n);
      }
      names = tagged;
    }
    const page = pageByOffset(names, input.NextToken, input.MaxResults);
    return { DevEndpointNames: page.items, NextToken: page.nextToken };
  }),

  glueOperation('UpdateDevEndpoint', async (input, ctx) => {
    await ctx.services.store.transaction(async (trx) => {
      const e = await requireEndpoint(trx, input.EndpointName);
      const keys = [...without(e.PublicKeys, input.DeletePublicKeys), ...(input.AddPublicKeys ?? [])];
      const args = Object.fromEntries(
        Object.entries({ ...e.Arguments, ...input.AddArguments }).filter(([k]) => !(input.DeleteArguments ?? []).includes(k)),
      );
      const next: DevEndpoint = {
        ...e,
        PublicKey: input.PublicKey ?? e.PublicKey,
        PublicKeys: keys.length ? keys : undefined,
        Arguments: args,
        ExtraPythonLibsS3Path: input.CustomLibraries?.ExtraPythonLibsS3Path ?? e.ExtraPythonLibsS3Path,
        ExtraJarsS3Path: input.CustomLibraries?.ExtraJarsS3Path ?? e.ExtraJarsS3Path,
        LastUpdateStatus: 'COMPLETED',
        LastModifiedTimestamp: new Date(),
      };
      await trx
        .updateTable('dev_endpoints')
        .set({ doc: JSON.stringify(next) })
        .where('name', '=', input.EndpointName)
        .execute();
    });
    return {};
  }),

  glueOperation('DeleteDevEndpoint', async (input, ctx) => {
    await ctx.services.store.transaction(async (trx) => {
      await requireEndpoint(trx, input.EndpointName);
      await trx.deleteFrom('dev_endpoints').where('name', '=', input.EndpointName).execute();
      await deleteTags(trx, arnOf(ctx, input.EndpointName));
    });
    return {};
  }),
];
