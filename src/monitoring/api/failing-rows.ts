// The rows a quality result's rules fail, with the rules each fails. Glue keeps row-level outcomes
// only where a run was told to write them; here the result's rules (its stored ruleset, else the
// rules as the result lists them) are evaluated again, row by row, on the table as it is now — so
// the rows are today's, which the answer says.
import type { Services } from '../../kernel/services.js';
import type { DqResultRow } from '../../store/schema.js';
import { invalidInput } from '../../kernel/errors.js';
import { evaluateRuleset } from '../../quality/index.js';
import { registerSources, requireSourceTable } from '../../quality/service/data-source.js';
import { callerPiiCheck, maskReplace, maskedColumns } from '../../catalog/column-masking.js';
import type { CallContext } from '../../kernel/registry.js';

async function rulesetText(services: Services, row: DqResultRow, doc: any): Promise<string> {
  if (row.ruleset_name) {
    const stored = await services.store.db.selectFrom('dq_rulesets').select('doc').where('name', '=', row.ruleset_name).executeTakeFirst();
    const text = stored ? JSON.parse(stored.doc).Ruleset : undefined;
    if (typeof text === 'string') return text;
  }
  const rules: string[] = (doc.RuleResults ?? []).map((r: { Description?: string }) => r.Description).filter(Boolean);
  if (!rules.length) throw invalidInput(`Result ${row.result_id} lists no rules to evaluate again`);
  return `Rules = [\n  ${rules.join(',\n  ')}\n]`;
}

export async function failingRows(services: Services, row: DqResultRow, maxRows: number, ctx: CallContext) {
  const doc = JSON.parse(row.doc);
  if (!doc.DataSource?.GlueTable)
    throw invalidInput(`Result ${row.result_id} did not judge a catalog table, so its rows cannot be read again`);
  const text = await rulesetText(services, row, doc);
  // The rules judge the rows as stored; only what is shown is masked (column-masking.ts).
  const table = await requireSourceTable(services, doc.DataSource, ctx.accountId);
  const masked = await maskedColumns(table, callerPiiCheck(ctx, doc.DataSource.GlueTable.CatalogId || ctx.accountId));
  const engine = await services.openEngine({ sandbox: true });
  try {
    const rel = await registerSources(engine, services, ctx.accountId, doc.DataSource);
    const evaluation = await evaluateRuleset(engine, text, { ...rel, rowLevelTable: 'dq_failing_rows' });
    const r = await engine.query(
      `SELECT * EXCLUDE (DataQualityRulesPass, DataQualityRulesSkip, DataQualityEvaluationResult)${maskReplace(masked)} FROM dq_failing_rows WHERE DataQualityEvaluationResult = 'Failed'`,
      { maxRows },
    );
    return {
      ResultId: row.result_id,
      Table: `${doc.DataSource.GlueTable.DatabaseName}.${doc.DataSource.GlueTable.TableName}`,
      EvaluatedOn: new Date().toISOString(),
      RowsEvaluated: evaluation.rowLevel?.rows,
      RowsFailed: evaluation.rowLevel?.failed,
      Columns: r.columns.map((c) => ({ Name: c.name, Type: c.type })),
      Rows: r.rows,
      Truncated: !!r.truncated,
    };
  } finally {
    await engine.close();
  }
}
