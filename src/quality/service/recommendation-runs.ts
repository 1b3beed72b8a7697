// StartDataQualityRuleRecommendationRun profiles a catalog table in a detached worker
// (`sluice _run dq-recommendation <id>`) and stores the recommended DQDL; with CreatedRulesetName it
// also saves it as a ruleset targeting the table.
import type { Kysely } from 'kysely';
import { glueOperation } from '../../kernel/registry.js';
import { alreadyExists, notFound } from '../../kernel/errors.js';
import { pageByOffset } from '../../kernel/pagination.js';
import type { Services } from '../../kernel/services.js';
import type { DataSource, GetDataQualityRuleRecommendationRunResponse } from '../../kernel/glue-types.js';
import type { Sluice } from '../../kernel/services.js';
import type { DB } from '../../store/schema.js';
import { recommendRuleset } from '../recommend/recommend.js';
import { glueTable, registerSource, requireSourceTable } from './data-source.js';
import { sourceKey } from './history.js';
import { newRunId } from './ids.js';
import { findRuleset, saveRuleset } from './rulesets.js';
import { finished, launchRun, listRuns, loadRun, updateRun } from './run-store.js';
import { cancelRun, withTimeout } from './run-control.js';

type RecRun = GetDataQualityRuleRecommendationRunResponse & { RunId: string };
const KIND = 'dq-recommendation';
const SHAPE = 'GetDataQualityRuleRecommendationRunResponse';

async function requireRun(db: Kysely<DB>, id: string) {
  const run = await loadRun<RecRun>(db, KIND, id, SHAPE);
  if (!run) throw notFound(`Data Quality Rule Recommendation Run ${id} not found.`);
  return run;
}

/** Profiles the table behind a DataSource and returns the recommended ruleset. */
export async function recommendForSource(services: Services, source: DataSource, accountId: string): Promise<string> {
  const engine = await services.openEngine({ sandbox: true });
  try {
    const relation = await registerSource(engine, services, source, accountId, 'dq_sources.profiled');
    return await recommendRuleset(engine, relation);
  } finally {
    await engine.close();
  }
}

export const recommendationRunOperations = [
  glueOperation(
    'StartDataQualityRuleRecommendationRun',
    async (input, ctx) => {
      const { services } = ctx;
      await requireSourceTable(services, input.DataSource, ctx.accountId);
      if (input.CreatedRulesetName && (await findRuleset(services.store.db, input.CreatedRulesetName))) {
        throw alreadyExists(`Data Quality Ruleset ${input.CreatedRulesetName} already exists.`);
      }
      const run: RecRun = {
        RunId: newRunId(),
        DataSource: input.DataSource,
        Role: input.Role,
        NumberOfWorkers: input.NumberOfWorkers,
        Timeout: input.Timeout,
        Status: 'STARTING',
        StartedOn: new Date(),
        CreatedRulesetName: input.CreatedRulesetName,
        DataQualitySecurityConfiguration: input.DataQualitySecurityConfiguration,
      };
      await launchRun(services, KIND, sourceKey(input.DataSource, ctx.accountId), run);
      return { RunId: run.RunId };
    },
    { partial: 'Role, NumberOfWorkers and ClientToken are accepted and ignored' },
  ),

  glueOperation('GetDataQualityRuleRecommendationRun', async (input, ctx) => {
    const { pid: _pid, ...run } = await requireRun(ctx.services.store.db, input.RunId);
    return run;
  }),

  glueOperation('ListDataQualityRuleRecommendationRuns', async (input, ctx) => {
    const f = input.Filter;
    let runs = await listRuns<RecRun>(ctx.services.store.db, KIND, SHAPE);
    if (f) {
      const key = sourceKey(f.DataSource, ctx.accountId);
      runs = runs.filter(
        (r) =>
          sourceKey(r.DataSource, ctx.accountId) === key &&
          (!f.StartedAfter || r.StartedOn! > f.StartedAfter) &&
          (!f.StartedBefore || r.StartedOn! < f.StartedBefore),
      );
    }
    const page = pageByOffset(runs, input.NextToken, input.MaxResults);
    return {
      Runs: page.items.map((r) => ({ RunId: r.RunId, Status: r.Status, StartedOn: r.StartedOn, DataSource: r.DataSource })),
      NextToken: page.nextToken,
    };
  }),

  glueOperation('CancelDataQualityRuleRecommendationRun', async (input, ctx) => {
    await cancelRun(ctx.services.store.db, KIND, await requireRun(ctx.services.store.db, input.RunId));
    return {};
  }),
];

/** The worker: profile, store the recommendation, and save it as a ruleset when asked. */
export async function runRecommendation(sluice: Sluice, id: string): Promise<void> {
  const { services } = sluice;
  const db = services.store.db;
  const { pid: _pid, ...doc } = await requireRun(db, id);
  if (!(await updateRun(db, KIND, { ...doc, Status: 'RUNNING' }, ['STARTING'], process.pid))) return;
  const running = { ...doc, Status: 'RUNNING' as const };
  try {
    const accountId = services.config.account.id;
    const ruleset = await withTimeout(doc.Timeout, () => recommendForSource(services, doc.DataSource!, accountId));
    if (doc.CreatedRulesetName) {
      const t = glueTable(doc.DataSource);
      const now = new Date();
      await services.store.transaction(async (trx) => {
        if (await findRuleset(trx, doc.CreatedRulesetName!))
          throw alreadyExists(`Data Quality Ruleset ${doc.CreatedRulesetName} already exists.`);
        await saveRuleset(
          trx,
          {
            Name: doc.CreatedRulesetName!,
            Ruleset: ruleset,
            RecommendationRunId: id,
            CreatedOn: now,
            LastModifiedOn: now,
            TargetTable: { DatabaseName: t.DatabaseName, TableName: t.TableName, CatalogId: t.CatalogId },
          },
          true,
        );
      });
    }
    await updateRun(db, KIND, finished(running, 'SUCCEEDED', { RecommendedRuleset: ruleset }), ['RUNNING']);
  } catch (e) {
    const timedOut = e instanceof Error && e.name === 'RunTimeout';
    await updateRun(db, KIND, finished(running, timedOut ? 'TIMEOUT' : 'FAILED', { ErrorString: (e as Error).message }), ['RUNNING']);
  }
}
