import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../test/helpers/backends.js';
import { JOB_RUNS, QUALITY_EVALUATIONS } from './kinds.js';
import { insertRun, loadRow, transition } from './ledger.js';
import { reapDeadRuns, START_GRACE_MS } from './reaper.js';

/** The pid of a process that has ended (a child run to its end). */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('the one reaper of dead runs', () => {
  let p: TestProject;
  beforeEach(async () => {
    p = await openTestProject();
  });
  afterEach(async () => {
    await p.cleanup();
  });

  it('ends the runs of this host whose process is gone, and only those', async () => {
    const { db } = p.sluice.services.store;
    const k = QUALITY_EVALUATIONS;
    const run = async (id: string, state: string, extra: { pid?: number; host?: string; startedOn?: Date } = {}) =>
      insertRun(db, k, { id, name: 't', state, doc: { RunId: id, Status: state }, startedOn: extra.startedOn ?? new Date(), ...extra });
    await run('dead', 'RUNNING', { pid: deadPid() });
    await run('stopping', 'STOPPING', { pid: deadPid() });
    await run('alive', 'RUNNING', { pid: process.pid });
    await run('elsewhere', 'RUNNING', { pid: deadPid(), host: 'another-host' });
    await run('fresh', 'STARTING');
    await run('never', 'STARTING', { startedOn: new Date(Date.now() - START_GRACE_MS - 1000) });
    const ended: Record<string, string> = {};
    const reaped = await reapDeadRuns(db, k, async (d, row, end) => {
      ended[row.id] = end.state;
      await transition(d, k, row.id, [row.state], (doc: object) => ({ state: end.state, doc: { ...doc, Status: end.state } }));
    });
    expect(reaped.map((r) => r.id).sort()).toEqual(['dead', 'never', 'stopping']);
    expect(ended).toEqual({ dead: 'FAILED', never: 'FAILED', stopping: 'STOPPED' });
    expect((await loadRow(db, k, 'alive'))?.state).toBe('RUNNING');
    expect((await loadRow(db, k, 'elsewhere'))?.state).toBe('RUNNING');
  });

  it('leaves a job run WAITING for a slot, which has no process by design', async () => {
    const { db } = p.sluice.services.store;
    const old = new Date(Date.now() - START_GRACE_MS - 1000);
    await insertRun(db, JOB_RUNS, { id: 'w', name: 'j', state: 'WAITING', doc: { Id: 'w' }, startedOn: old });
    expect(await reapDeadRuns(db, JOB_RUNS, async () => undefined)).toEqual([]);
  });
});
