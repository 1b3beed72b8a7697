import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../test/helpers/backends.js';
import { JOB_RUNS } from './kinds.js';
import { insertRun, transition } from './ledger.js';

describe('run ledger', () => {
  let p: TestProject;
  beforeEach(async () => {
    p = await openTestProject();
  });
  afterEach(async () => {
    await p.cleanup();
  });

  it('notes every state a run enters, so its timeline shows a RUNNING no monitor pass saw', async () => {
    const { db } = p.sluice.services.store;
    const id = `jr_${'a'.repeat(64)}`;
    const doc = { Id: id, JobName: 'j', JobRunState: 'STARTING', StartedOn: new Date() };
    await insertRun(db, JOB_RUNS, { id, name: 'j', state: 'STARTING', doc, startedOn: new Date() });
    expect(
      await transition(db, JOB_RUNS, id, ['STARTING'], (d: any) => ({ state: 'RUNNING', doc: { ...d, JobRunState: 'RUNNING' } })),
    ).toBeDefined();
    // A guarded transition from a state the run is not in changes nothing and notes nothing.
    expect(await transition(db, JOB_RUNS, id, ['STARTING'], (d: any) => ({ state: 'STOPPED', doc: d }))).toBeUndefined();
    await transition(db, JOB_RUNS, id, ['RUNNING'], (d: any) => ({
      state: 'SUCCEEDED',
      doc: { ...d, JobRunState: 'SUCCEEDED', CompletedOn: new Date() },
    }));
    const { Timeline } = await p.sluice.call('GetRun', { RunId: id });
    expect(Timeline.map((t: { State: string }) => t.State)).toEqual(['STARTING', 'RUNNING', 'SUCCEEDED']);
  });
});
