// StartDataQualityRulesetEvaluationRun returns the RunId at once; a detached worker
// (`sluice _run dq-evaluation <id>`) evaluates and records the results. Get/List/Cancel read and
// steer the run's row.
import type { Kysely } from 'kysely';
import { glueOperation } from '../../kernel/registry.js';
import { invalidInput } from '../../kernel/errors.js';
import type { GetDataQualityRulesetEvaluationRunResponse } from '../../kernel/glue-types.js';
import type { Services } from '../../kernel/services.js';
import type { DB } from '../../store/schema.js';
import { requireSourceTable } from './data-source.js';
import { sourceKey } from './history.js';
import { newRunId } from './ids.js';
import { requireRuleset } from './rulesets.js';
import { finished, getRun, launchRun, listRunsPage, requireRun as requireRunOf, updateRun, type QualityRunKind } from './run-store.js';
import { evaluateTable, type PendingEvaluation } from './evaluate-table.js';
import { recordResult } from './history.js';
import { completeCommit, recordIntent } from '../../runs/run-commit.js';
import { crashPoint } from '../../runs/crash-points.js';
import { cancelRun, withTimeout } from './run-control.js';
import { openRunLog } from '../../monitoring/logs/run-logger.js';

type EvalRun = GetDataQualityRulesetEvaluationRunResponse & { RunId: string };
const KIND = 'dq-evaluation' as const;
const SHAPE = 'GetDataQualityRulesetEvaluationRunResponse';

const RUNS: QualityRunKind = { kind: KIND, shape: SHAPE, label: 'Data Quality Ruleset Evaluation Run' };
const requireRun = (db: Kysely<DB>, id: string) => requireRunOf<EvalRun>(db, RUNS, id);

export const evaluationRunOperations = [
  glueOperation(
    'StartDataQualityRulesetEvaluationRun',
    async (input, ctx) => {
      const { services } = ctx;
      await requireSourceTable(services, input.DataSource, ctx.accountId);
      for (const source of Object.values(input.AdditionalDataSources ?? {})) await requireSourceTable(services, source, ctx.accountId);
      if (!input.RulesetNames.length) throw invalidInput('RulesetNames must name at least one ruleset');
      for (const name of input.RulesetNames) await requireRuleset(services.store.db, name);
      const run: EvalRun = {
        RunId: newRunId(),
        DataSource: input.DataSource,
        Role: input.Role,
        NumberOfWorkers: input.NumberOfWorkers,
        Timeout: input.Timeout,
        AdditionalRunOptions: input.AdditionalRunOptions,
        Status: 'STARTING',
        StartedOn: new Date(),
        RulesetNames: input.RulesetNames,
        AdditionalDataSources: input.AdditionalDataSources,
      };
      await launchRun(services, KIND, sourceKey(input.DataSource, ctx.accountId), run);
      return { RunId: run.RunId };
    },
    { partial: 'Role, NumberOfWorkers, ClientToken and CloudWatch options are accepted and ignored; PreProcessingQuery is not applied' },
  ),

  glueOperation('GetDataQualityRulesetEvaluationRun', (input, ctx) => getRun<EvalRun>(ctx.services.store.db, RUNS, input.RunId)),

  glueOperation('ListDataQualityRulesetEvaluationRuns', (input, ctx) => listRunsPage(ctx.services.store.db, RUNS, input, ctx.accountId)),

  glueOperation('CancelDataQualityRulesetEvaluationRun', async (input, ctx) => {
    await cancelRun(ctx.services.store.db, RUNS, input.RunId);
    return {};
  }),
];

/** The worker: evaluates every ruleset of the run, unless the run was stopped first. */
export async function runEvaluation(services: Services, id: string): Promise<void> {
  const db = services.store.db;
  const run = await requireRun(db, id);
  const { pid: _pid, ...doc } = run;
  if (!(await updateRun(db, KIND, { ...doc, Status: 'RUNNING' }, ['STARTING'], process.pid))) return;
  // The run's structured log (src/monitoring): what `sluice logs <RunId>` and the dashboard show.
  const log = openRunLog(services.root, KIND, id, { rulesets: doc.RulesetNames });
  log.info('evaluation started', {
    table: doc.DataSource?.GlueTable ? `${doc.DataSource.GlueTable.DatabaseName}.${doc.DataSource.GlueTable.TableName}` : undefined,
  });
  try {
    const rulesets: { name: string; text: string }[] = [];
    for (const name of doc.RulesetNames ?? []) rulesets.push({ name, text: (await requireRuleset(db, name)).Ruleset });
    // Results and row-level files become visible with the run's end, by the commit protocol.
    const pending: PendingEvaluation = { records: [], stages: [] };
    const results = await withTimeout(doc.Timeout, () =>
      evaluateTable(
        services,
        {
          dataSource: doc.DataSource!,
          additional: doc.AdditionalDataSources,
          rulesets,
          accountId: services.config.account.id,
          runId: id,
          compositeMethod: doc.AdditionalRunOptions?.CompositeRuleEvaluationMethod,
          rowLevelPrefix: doc.AdditionalRunOptions?.ResultsS3Prefix,
          deferCommit: true,
        },
        pending,
      ),
    );
    for (const r of results)
      log.info('ruleset evaluated', {
        ruleset: r.result.RulesetName,
        score: r.result.Score,
        resultId: r.result.ResultId,
        failedRules: r.result.RuleResults?.filter((x) => x.Result !== 'PASS').length,
      });
    const done = finished({ ...doc, Status: 'RUNNING' as const }, 'SUCCEEDED', { ResultIds: results.map((r) => r.result.ResultId) });
    const decided = await services.store.transaction(async (trx) => {
      if (!(await updateRun(trx, KIND, done, ['RUNNING']))) return false; // stopped meanwhile: nothing is kept
      for (const r of pending.records) await recordResult(trx, r);
      if (pending.stages.length) await recordIntent(trx, id, KIND, pending.stages);
      return true;
    });
    if (!decided) return;
    crashPoint('intent');
    log.info('run ended', { state: 'SUCCEEDED' });
    // The run has succeeded: if moving fails, the intent stays and recovery moves the rest.
    await completeCommit(services, id, pending.stages, () => crashPoint('moving')).catch((e: Error) =>
      log.warn('some row-level files are not in place yet; recovery will move them', { error: e.message }),
    );
  } catch (e) {
    const timedOut = e instanceof Error && e.name === 'RunTimeout';
    log.error('run ended', { state: timedOut ? 'TIMEOUT' : 'FAILED', error: (e as Error).message });
    await updateRun(
      db,
      KIND,
      finished({ ...doc, Status: 'RUNNING' }, timedOut ? 'TIMEOUT' : 'FAILED', { ErrorString: (e as Error).message }),
      ['RUNNING'],
    );
  } finally {
    log.close();
  }
}
