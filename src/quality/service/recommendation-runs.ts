// StartDataQualityRuleRecommendationRun profiles a catalog table in a detached worker
// (`sluice _run dq-recommendation <id>`) and stores the recommended DQDL; with CreatedRulesetName it
// also saves it as a ruleset targeting the table.
import type { Kysely } from 'kysely';
import { glueOperation } from '../../kernel/registry.js';
import { alreadyExists } from '../../kernel/errors.js';
import type { Services } from '../../kernel/services.js';
import type { DataSource, GetDataQualityRuleRecommendationRunResponse } from '../../kernel/glue-types.js';
import type { DB } from '../../store/schema.js';
import { recommendRuleset } from '../recommend/recommend.js';
import { glueTable, registerSource, requireSourceTable } from './data-source.js';
import { sourceKey } from './history.js';
import { newRunId } from './ids.js';
import { findRuleset, saveRuleset } from './rulesets.js';
import { finished, getRun, launchRun, listRunsPage, requireRun as requireRunOf, updateRun, type QualityRunKind } from './run-store.js';
import { cancelRun, withTimeout } from './run-control.js';

type RecRun = GetDataQualityRuleRecommendationRunResponse & { RunId: string };
const KIND = 'dq-recommendation' as const;
const SHAPE = 'GetDataQualityRuleRecommendationRunResponse';

const RUNS: QualityRunKind = { kind: KIND, shape: SHAPE, label: 'Data Quality Rule Recommendation Run' };
const requireRun = (db: Kysely<DB>, id: string) => requireRunOf<RecRun>(db, RUNS, id);

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

  glueOperation('GetDataQualityRuleRecommendationRun', (input, ctx) => getRun<RecRun>(ctx.services.store.db, RUNS, input.RunId)),

  glueOperation('ListDataQualityRuleRecommendationRuns', (input, ctx) => listRunsPage(ctx.services.store.db, RUNS, input, ctx.accountId)),

  glueOperation('CancelDataQualityRuleRecommendationRun', async (input, ctx) => {
    await cancelRun(ctx.services.store.db, RUNS, input.RunId);
    return {};
  }),
];

/** The worker: profile, store the recommendation, and save it as a ruleset when asked. */
export async function runRecommendation(services: Services, id: string): Promise<void> {
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
