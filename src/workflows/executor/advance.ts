// One step of driving a run, safe to repeat and to run from any process (the server, a detached
// driver): take the lease, start the claimed actions, fire the conditional triggers whose predicates
// now hold, and end the run when nothing is left to run or to fire. The run is COMPLETED then even
// when nodes failed — Glue's meaning of COMPLETED (glue-behaviour.md §3.4). A STOPPING run cancels
// what has not started, stops what runs, and ends STOPPED.
import type { WorkflowRun } from '../../kernel/glue-types.js';
import { isGlueError } from '../glue-call.js';
import { firedTriggers, fireOnce, listActions, settleAction } from '../runs/actions-repo.js';
import { isActiveStatus, loadRun, transitionRun, type LoadedRun } from '../runs/run-repo.js';
import { candidates, latestByNode, predicateMet } from './conditions.js';
import type { ExecEnv } from './env.js';
import { acquireLease, releaseLease } from './lease.js';
import { Observer, type ActionView } from './observe.js';
import { startAction } from './start-action.js';
import { statisticsOf } from './statistics.js';

export type Step = 'done' | 'active' | 'not-mine';

async function views(env: ExecEnv, observer: Observer, runId: string): Promise<ActionView[]> {
  const out: ActionView[] = [];
  for (const row of await listActions(env.services.store.db, runId)) out.push(await observer.view(row));
  return out;
}

async function finish(env: ExecEnv, loaded: LoadedRun, status: 'COMPLETED' | 'STOPPED', all: ActionView[]): Promise<void> {
  const ended = await transitionRun(env.services.store.db, loaded.row.id, [loaded.run.Status!], (r): WorkflowRun => ({
    ...r,
    Status: status,
    CompletedOn: new Date(),
    Statistics: statisticsOf(all),
  }));
  if (ended)
    env.log('info', `run ${status.toLowerCase()}`, { run: loaded.row.id, workflow: loaded.run.Name, statistics: ended.Statistics });
}

async function stopChildren(env: ExecEnv, active: ActionView[]): Promise<void> {
  for (const v of active) {
    const latest = v.attempts[v.attempts.length - 1];
    try {
      if (v.row.node_type === 'JOB' && latest?.id) await env.call('BatchStopJobRun', { JobName: v.row.target, JobRunIds: [latest.id] });
      else if (v.row.node_type === 'CRAWLER') await env.call('StopCrawler', { Name: v.row.target });
    } catch (e) {
      if (!isGlueError(e, 'CrawlerNotRunningException', 'CrawlerStoppingException', 'EntityNotFoundException')) throw e;
    }
  }
}

async function stopStep(env: ExecEnv, observer: Observer, loaded: LoadedRun): Promise<Step> {
  const { db } = env.services.store;
  for (const row of await listActions(db, loaded.row.id)) {
    if (row.state === 'CLAIMED')
      await settleAction(db, row, 'CLAIMED', { state: 'CANCELLED', error: 'The workflow run was stopped before this node started.' });
  }
  const all = await views(env, observer, loaded.row.id);
  const active = all.filter((v) => v.phase === 'active');
  if (active.length) {
    await stopChildren(env, active);
    return 'active';
  }
  await finish(env, loaded, 'STOPPED', all);
  return 'done';
}

/** Advances the run as far as it can go now; 'not-mine' when another process holds its lease. */
export async function advanceRun(env: ExecEnv, runId: string): Promise<Step> {
  const { db } = env.services.store;
  if (!(await acquireLease(db, runId, env.owner))) return 'not-mine';
  const loaded = await loadRun(db, runId);
  if (!loaded || !isActiveStatus(loaded.row.state)) {
    await releaseLease(db, runId, env.owner);
    return 'done';
  }
  const observer = new Observer(env);
  if (loaded.row.state === 'STOPPING') return stopStep(env, observer, loaded);
  // Each round starts what was claimed, then fires what became due; it ends when nothing fires.
  for (;;) {
    for (const row of await listActions(db, runId)) if (row.state === 'CLAIMED') await startAction(env, observer, loaded, row);
    const all = await views(env, observer, runId);
    let fired = false;
    if (loaded.state.cascade) {
      const nodes = latestByNode(all);
      for (const t of candidates(loaded.snapshot, await firedTriggers(db, runId))) {
        if (predicateMet(t.Predicate, nodes) && (await fireOnce(db, runId, t))) {
          env.log('info', 'trigger fired', { run: runId, workflow: loaded.run.Name, trigger: t.Name });
          fired = true;
        }
      }
    }
    if (fired) continue;
    if (all.some((v) => v.phase === 'pending' || v.phase === 'active')) return 'active';
    await finish(env, loaded, 'COMPLETED', all);
    await releaseLease(db, runId, env.owner);
    return 'done';
  }
}
