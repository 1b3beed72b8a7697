// The run's commit, by the protocol of runs/run-commit.ts: outputs are staged and sealed; then ONE
// metadata transaction records the run SUCCEEDED (guarded: a run stopped or timed out meanwhile
// cannot succeed), the catalog tables and partitions, the bookmark (only if the script called
// commit() and bookmarks are enabled), the metrics and the commit's intent; only then do the staged
// files move into place. A failure before the transaction commits aborts the stages (nothing was
// visible); a crash after it is completed by recovery, so the files the bookmark says were read are
// in the lake exactly once.
import { SluiceError } from '../../kernel/errors.js';
import { crashPoint } from '../../runs/crash-points.js';
import { completeCommit, recordIntent, recoverCommits, type IntentStage } from '../../runs/run-commit.js';
import { finished, findRunRow, transitionRun } from '../runs/run-repo.js';
import { commitBookmark } from '../bookmarks/bookmark-repo.js';
import type { RunSession } from '../runtime/run-session.js';
import { registerOutput } from './register-output.js';
import { stageOutput, type Stage } from './stage-outputs.js';

export async function commitRun(session: RunSession): Promise<void> {
  const { services } = session;
  // Decided commits of runs that died complete before this one sweeps staging or reads the catalog.
  await recoverCommits(services);
  const stages: Stage[] = [];
  const sealed: IntentStage[] = [];
  try {
    for (const out of session.outputs) stages.push(...(await stageOutput(services, out, session.encryption?.output)));
    for (const s of stages) sealed.push({ location: s.location, ...(await s.staged.seal({ replace: s.replace })) });
    crashPoint('staged');
    await session.progress('committing', true);
    const catalogId = session.accountId;
    const principal = `arn:aws:iam::${catalogId}:user/sluice`;
    await services.store.transaction(async (trx) => {
      const done = await transitionRun(trx, session.runId, ['RUNNING'], (r) => finished(r, 'SUCCEEDED'));
      if (!done) throw ended((await findRunRow(trx, session.runId))?.state);
      for (const out of session.outputs) if (out.table) await registerOutput(trx, catalogId, out, principal);
      if (session.commitRequested && session.bookmarkOption.mode === 'enable' && Object.keys(session.bookmarkUpdates).length) {
        const state = { ...session.bookmark.state, ...session.bookmarkUpdates };
        await commitBookmark(
          trx,
          session.job.Name!,
          session.bookmark.version,
          state,
          {
            id: session.runId,
            attempt: session.run.Attempt ?? 0,
          },
          session.bookmarkCodec,
        );
      }
      session.metrics.durationMs = Date.now() - session.startTime;
      await trx
        .updateTable('job_run_details')
        .set({
          metrics: JSON.stringify(session.metrics),
          lineage: JSON.stringify(session.lineage),
          progress: JSON.stringify({ step: 'done', ...session.metrics }),
          updated_on: Date.now(),
        })
        .where('run_id', '=', session.runId)
        .execute();
      if (sealed.length) await recordIntent(trx, session.runId, 'job', sealed);
      // Loads into databases commit last, inside this transaction: if one fails, the run is not
      // recorded SUCCEEDED and nothing else is either. (A crash between the remote COMMIT and this
      // transaction's is the one window where the load stays while the run is FAILED: connectors/README.md.)
      crashPoint('remote');
      for (const r of session.remoteLoads) await r.load.commit();
    });
  } catch (e) {
    for (const r of session.remoteLoads) await r.load.rollback().catch(() => {});
    for (const s of stages) await s.staged.abort().catch(() => {});
    throw e;
  }
  crashPoint('intent');
  if (!sealed.length) return;
  try {
    await completeCommit(services, session.runId, sealed, () => crashPoint('moving'));
  } catch (e) {
    // The run succeeded: its intent stays, and recovery moves the rest once this process is gone.
    session.log('warn', 'the commit is decided but some files are not in place yet; recovery will move them', {
      error: (e as Error).message,
    });
    return;
  }
  crashPoint('committed');
}

const ended = (state: string | undefined) =>
  new SluiceError('InvalidStateException', `The run was not committed: it is ${state ?? 'gone'} (stopped or timed out while finishing).`);
