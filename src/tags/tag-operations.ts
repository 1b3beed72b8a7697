// TagResource, UntagResource, GetTags. Tags are kept per ARN (api/tags.ts). For catalog entities and
// crawlers the resource must exist (EntityNotFoundException otherwise); jobs, triggers, workflows and
// rulesets are accepted by a well-formed ARN until their concepts register an existence check here.
import type { Kysely } from 'kysely';
import { glueOperation } from '../kernel/registry.js';
import { invalidInput, notFound } from '../kernel/errors.js';
import { formatArn, parseGlueArn, type GlueArn, type GlueResourceType } from '../kernel/arn.js';
import { deleteTags, getTags, putTags } from './tags.js';
import type { DB } from '../store/schema.js';
import { requireDatabase, requireTable } from '../catalog/common.js';

/** Glue's limit of tags per resource. */
const MAX_TAGS = 50;

type ExistenceCheck = (db: Kysely<DB>, arn: GlueArn) => Promise<void>;

/** Throws EntityNotFoundException when the resource is missing. A concept adds its type here when it lands. */
const existenceChecks: Partial<Record<GlueResourceType, ExistenceCheck>> = {
  database: async (db, a) => void (await requireDatabase(db, a.account, a.names[0])),
  table: async (db, a) => void (await requireTable(db, a.account, a.names[0], a.names[1])),
  connection: async (db, a) => {
    const row = await db
      .selectFrom('catalog_connections')
      .select('name')
      .where('catalog_id', '=', a.account)
      .where('name', '=', a.names[0])
      .executeTakeFirst();
    if (!row) throw notFound(`Connection ${a.names[0]} not found.`);
  },
  crawler: async (db, a) => {
    const row = await db.selectFrom('crawlers').select('name').where('name', '=', a.names[0]).executeTakeFirst();
    if (!row) throw notFound(`Crawler ${a.names[0]} not found.`);
  },
};

async function resolve(db: Kysely<DB>, resourceArn: string, callerAccount: string): Promise<string> {
  const arn = parseGlueArn(resourceArn, callerAccount);
  await existenceChecks[arn.type]?.(db, arn);
  return formatArn(arn);
}

const PARTIAL =
  'existence is checked for databases, tables, connections and crawlers; job, trigger, workflow and dataQualityRuleset ARNs are accepted when well-formed';

export const tagOperations = [
  glueOperation(
    'TagResource',
    async (input, ctx) => {
      const { db } = ctx.services.store;
      const arn = await resolve(db, input.ResourceArn, ctx.accountId);
      const reserved = Object.keys(input.TagsToAdd).filter((k) => k.toLowerCase().startsWith('aws:'));
      if (reserved.length) throw invalidInput(`Tag keys starting with 'aws:' are reserved for AWS use: ${reserved.join(', ')}.`);
      const merged = { ...(await getTags(db, arn)), ...input.TagsToAdd };
      if (Object.keys(merged).length > MAX_TAGS)
        throw invalidInput(`A resource can have at most ${MAX_TAGS} tags; ${arn} would have ${Object.keys(merged).length}.`);
      await putTags(db, arn, input.TagsToAdd);
      return {};
    },
    { partial: PARTIAL },
  ),

  glueOperation(
    'UntagResource',
    async (input, ctx) => {
      const { db } = ctx.services.store;
      const arn = await resolve(db, input.ResourceArn, ctx.accountId);
      if (input.TagsToRemove.length) await deleteTags(db, arn, input.TagsToRemove);
      return {};
    },
    { partial: PARTIAL },
  ),

  glueOperation(
    'GetTags',
    async (input, ctx) => {
      const { db } = ctx.services.store;
      return { Tags: await getTags(db, await resolve(db, input.ResourceArn, ctx.accountId)) };
    },
    { partial: PARTIAL },
  ),
];
