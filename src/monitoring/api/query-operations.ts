// RunCatalogQuery and GetDataQualityFailingRows (Sluice-only): the dashboard's SQL box (the same
// sandboxed SQL over catalog tables as `sluice query`) and the rows a quality result's rules failed.
import { z } from 'zod';
import { sluiceOperation } from '../../kernel/registry.js';
import { notFound } from '../../kernel/errors.js';
import { glueArn } from '../../kernel/arn.js';
import { queryCatalog } from '../../catalog/query.js';
import { callerPiiCheck } from '../../catalog/column-masking.js';
import { failingRows } from './failing-rows.js';
import { validator } from './input.js';

export const queryOperations = [
  sluiceOperation(
    'RunCatalogQuery',
    validator(z.object({ Sql: z.string().min(1).max(100_000), MaxRows: z.number().int().min(1).max(10_000).optional() }).strict()),
    async (input, ctx) => {
      const started = Date.now();
      const authorize = ctx.authorize;
      const r = await queryCatalog(ctx.services, input.Sql, {
        maxRows: input.MaxRows ?? 1000,
        catalogId: ctx.accountId,
        // Each table the SQL reads is a GetTable of it, so a policy that hides a table hides it here too.
        authorizeTable: authorize
          ? (database, table) =>
              authorize('glue:GetTable', [
                `arn:aws:glue:${ctx.region}:${ctx.accountId}:catalog`,
                glueArn(ctx, 'database', database),
                glueArn(ctx, 'table', database, table),
              ])
          : undefined,
        // Columns tagged PII read as NULL unless the caller may sluice:ReadPiiColumn (column-masking.ts).
        mayReadPii: callerPiiCheck(ctx),
      });
      return {
        Columns: r.columns.map((c) => ({ Name: c.name, Type: c.type })),
        Rows: r.rows,
        Truncated: !!r.truncated,
        ElapsedMs: Date.now() - started,
      };
    },
  ),

  sluiceOperation(
    'GetDataQualityFailingRows',
    validator(z.object({ ResultId: z.string().min(1), MaxRows: z.number().int().min(1).max(1000).optional() }).strict()),
    async (input, ctx) => {
      const row = await ctx.services.store.db
        .selectFrom('dq_results')
        .selectAll()
        .where('result_id', '=', input.ResultId)
        .executeTakeFirst();
      if (!row) throw notFound(`Data quality result ${input.ResultId} not found`);
      return failingRows(ctx.services, row, input.MaxRows ?? 50, ctx);
    },
  ),
];
