// Rulesets: Create/Get/Update/Delete/ListDataQualityRulesets. A ruleset is checked by the DQDL
// parser when it is saved, so a malformed one is refused with the line and column of the problem.
import type { Kysely } from 'kysely';
import type { CallContext } from '../../kernel/registry.js';
import { glueOperation } from '../../kernel/registry.js';
import { alreadyExists, notFound } from '../../kernel/errors.js';
import { pageByOffset } from '../../kernel/pagination.js';
import { reviveDates } from '../../kernel/shape-codec.js';
import { getTags, putTags, deleteTags } from '../../tags/tags.js';
import type { DataQualityRulesetListDetails, DataQualityTargetTable, GetDataQualityRulesetResponse } from '../../kernel/glue-types.js';
import type { DB } from '../../store/schema.js';
import { parseDqdl } from '../dqdl/parser.js';

export type StoredRuleset = GetDataQualityRulesetResponse & { Name: string; Ruleset: string };

export const rulesetArn = (ctx: Pick<CallContext, 'region' | 'accountId'>, name: string) =>
  `arn:aws:glue:${ctx.region}:${ctx.accountId}:dataQualityRuleset/${name}`;

export async function findRuleset(db: Kysely<DB>, name: string): Promise<StoredRuleset | undefined> {
  const row = await db.selectFrom('dq_rulesets').select('doc').where('name', '=', name).executeTakeFirst();
  return row ? reviveDates<StoredRuleset>('GetDataQualityRulesetResponse', JSON.parse(row.doc)) : undefined;
}

export async function requireRuleset(db: Kysely<DB>, name: string): Promise<StoredRuleset> {
  const r = await findRuleset(db, name);
  if (!r) throw notFound(`Data Quality Ruleset ${name} not found.`);
  return r;
}

/** Saves a ruleset (new or replacing); the caller has checked the DQDL. */
export async function saveRuleset(db: Kysely<DB>, r: StoredRuleset, isNew: boolean): Promise<void> {
  const row = { name: r.Name, doc: JSON.stringify(r), created_on: r.CreatedOn!.getTime(), updated_on: r.LastModifiedOn!.getTime() };
  if (isNew) await db.insertInto('dq_rulesets').values(row).execute();
  else await db.updateTable('dq_rulesets').set(row).where('name', '=', r.Name).execute();
}

const sameTable = (a: DataQualityTargetTable | undefined, b: DataQualityTargetTable) =>
  !!a &&
  a.DatabaseName.toLowerCase() === b.DatabaseName.toLowerCase() &&
  a.TableName.toLowerCase() === b.TableName.toLowerCase() &&
  (!b.CatalogId || a.CatalogId === b.CatalogId);

export const rulesetOperations = [
  glueOperation(
    'CreateDataQualityRuleset',
    async (input, ctx) => {
      parseDqdl(input.Ruleset);
      const now = new Date();
      const ruleset: StoredRuleset = {
        Name: input.Name,
        Description: input.Description,
        Ruleset: input.Ruleset,
        TargetTable: input.TargetTable,
        DataQualitySecurityConfiguration: input.DataQualitySecurityConfiguration,
        CreatedOn: now,
        LastModifiedOn: now,
      };
      await ctx.services.store.transaction(async (trx) => {
        if (await findRuleset(trx, input.Name)) throw alreadyExists(`Data Quality Ruleset ${input.Name} already exists.`);
        await saveRuleset(trx, ruleset, true);
        await putTags(trx, rulesetArn(ctx, input.Name), input.Tags);
      });
      return { Name: input.Name };
    },
    { partial: 'ClientToken and DataQualitySecurityConfiguration are stored but not acted on' },
  ),

  glueOperation('GetDataQualityRuleset', async (input, ctx) => requireRuleset(ctx.services.store.db, input.Name)),

  glueOperation('UpdateDataQualityRuleset', async (input, ctx) => {
    if (input.Ruleset !== undefined) parseDqdl(input.Ruleset);
    return ctx.services.store.transaction(async (trx) => {
      const current = await requireRuleset(trx, input.Name);
      const next: StoredRuleset = {
        ...current,
        Description: input.Description ?? current.Description,
        Ruleset: input.Ruleset ?? current.Ruleset,
        LastModifiedOn: new Date(),
      };
      await saveRuleset(trx, next, false);
      return { Name: next.Name, Description: next.Description, Ruleset: next.Ruleset };
    });
  }),

  glueOperation('DeleteDataQualityRuleset', async (input, ctx) => {
    await ctx.services.store.transaction(async (trx) => {
      const r = await trx.deleteFrom('dq_rulesets').where('name', '=', input.Name).executeTakeFirst();
      if (!Number(r.numDeletedRows)) throw notFound(`Data Quality Ruleset ${input.Name} not found.`);
      await deleteTags(trx, rulesetArn(ctx, input.Name));
    });
    return {};
  }),

  glueOperation('ListDataQualityRulesets', async (input, ctx) => {
    const db = ctx.services.store.db;
    const rows = await db.selectFrom('dq_rulesets').select(['name', 'doc']).orderBy('name').execute();
    const f = input.Filter ?? {};
    const matches: DataQualityRulesetListDetails[] = [];
    for (const { name, doc } of rows) {
      const r = reviveDates<StoredRuleset>('GetDataQualityRulesetResponse', JSON.parse(doc));
      const t = (d: Date | undefined) => d?.getTime() ?? 0;
      if (f.Name && r.Name !== f.Name) continue;
      if (f.Description && !(r.Description ?? '').includes(f.Description)) continue;
      if (f.CreatedBefore && !(t(r.CreatedOn) < t(f.CreatedBefore))) continue;
      if (f.CreatedAfter && !(t(r.CreatedOn) > t(f.CreatedAfter))) continue;
      if (f.LastModifiedBefore && !(t(r.LastModifiedOn) < t(f.LastModifiedBefore))) continue;
      if (f.LastModifiedAfter && !(t(r.LastModifiedOn) > t(f.LastModifiedAfter))) continue;
      if (f.TargetTable && !sameTable(r.TargetTable, f.TargetTable)) continue;
      if (input.Tags && Object.keys(input.Tags).length) {
        const tags = await getTags(db, rulesetArn(ctx, name));
        if (!Object.entries(input.Tags).every(([k, v]) => tags[k] === v)) continue;
      }
      matches.push({
        Name: r.Name,
        Description: r.Description,
        CreatedOn: r.CreatedOn,
        LastModifiedOn: r.LastModifiedOn,
        TargetTable: r.TargetTable,
        RecommendationRunId: r.RecommendationRunId,
        RuleCount: parseDqdl(r.Ruleset).rules.length,
      });
    }
    const page = pageByOffset(matches, input.NextToken, input.MaxResults);
    return { Rulesets: page.items, NextToken: page.nextToken };
  }),
];
