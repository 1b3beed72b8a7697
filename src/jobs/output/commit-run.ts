// The run's commit (ARCHITECTURE "Atomic output"): outputs are staged first, then one metadata
// transaction records the run SUCCEEDED (guarded: a run stopped or timed out meanwhile cannot
// succeed), the catalog tables and partitions, the bookmark (only if the script called commit() and
// bookmarks are enabled) and the metrics; the stages are committed last, inside that transaction,
// so a failure anywhere rolls the metadata back and aborts what is still staged.
import { SluiceError } from '../../kernel/errors.js';
import { finished, findRunRow, runFromRow } from '../runs/run-repo.js';
import { commitBookmark } from '../bookmarks/bookmark-repo.js';
import type { RunSession } from '../runtime/run-session.js';
import { registerOutput } from './register-output.js';
import { stageOutput, type Stage } from './stage-outputs.js';

export async function commitRun(session: RunSession): Promise<void> {
  const { services } = session;
  const stages: Stage[] = [];
  try {
    for (const out of session.outputs) stages.push(...(await stageOutput(services, out)));
    await session.progress('committing', true);
    const row = await findRunRow(services.store.db, session.runId);
    if (!row || row.state !== 'RUNNING') throw ended(row?.state);
    const done = finished(runFromRow(row), 'SUCCEEDED');
    const catalogId = session.accountId;
    const principal = `arn:aws:iam::${catalogId}:user/sluice`;
    await services.store.transaction(async (trx) => {
      const r = await trx
        .updateTable('runs')
        .set({ state: 'SUCCEEDED', doc: JSON.stringify(done), updated_on: Date.now() })
        .where('id', '=', session.runId)
        .where('state', '=', 'RUNNING')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw ended('no longer RUNNING');
      for (const out of session.outputs) if (out.table) await registerOutput(trx, catalogId, out, principal);
      if (session.commitRequested && session.bookmarkOption.mode === 'enable' && Object.keys(session.bookmarkUpdates).length) {
        const state = { ...session.bookmark.state, ...session.bookmarkUpdates };
        await commitBookmark(trx, session.job.Name!, session.bookmark.version, state, {
          id: session.runId,
          attempt: session.run.Attempt ?? 0,
        });
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
      for (const s of stages) await s.staged.commit({ replace: s.replace });
    });
  } catch (e) {
    for (const s of stages) await s.staged.abort().catch(() => {});
    throw e;
  }
}

const ended = (state: string | undefined) =>
  new SluiceError('InvalidStateException', `The run was not committed: it is ${state ?? 'gone'} (stopped or timed out while finishing).`);
