// EVENT triggers on a test clock over real files, in a local folder and under an S3 prefix (the
// in-process S3 server): files older than the activation are not events, a file still being written
// waits, a batch fires at BatchSize or when BatchWindow has passed since its first event, each event
// starts one run, and the run records its condition and event ids. This process poses as the
// server, so the runs are created but not driven.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initProject, parseConfig } from '../../config/project.js';
import { openSluice, type Sluice } from '../../config/compose.js';
import { startS3Server, type TestS3Server } from '../../../test/helpers/s3-server.js';
import { expectGlueError } from '../../../test/helpers/expect-error.js';
import { serviceCaller } from '../glue-call.js';
import { setHosting } from '../server/presence.js';
import type { SchedulerEnv } from '../scheduler/scheduler.js';
import { scanAll } from './watch.js';
import { fireBatches } from './batches.js';

let s3: TestS3Server;
let dir: string;
let sluice: Sluice;
let env: SchedulerEnv;
const call = (op: string, input: unknown) => sluice.call(op, input);
const SETTLE = 1000;
const landing = () => join(dir, 'lake/raw/landing');
/** A file in the landing folder, modified `agoMs` before the real now. */
function drop(name: string, agoMs = 5000): void {
  mkdirSync(landing(), { recursive: true });
  writeFileSync(join(landing(), name), `{"n":"${name}"}\n`);
  const t = (Date.now() - agoMs) / 1000;
  utimesSync(join(landing(), name), t, t);
}
const pending = async (trigger: string) => (await call('GetTriggerEventSource', { TriggerName: trigger })).PendingEvents;

beforeAll(async () => {
  setHosting(true);
  s3 = await startS3Server();
  await s3.createBucket('lake');
  dir = mkdtempSync(join(tmpdir(), 'sluice-events-'));
  const { root } = initProject(dir);
  const config = parseConfig(
    `s3:\n  endpoint: ${s3.endpoint}\n  region: ${s3.region}\n  accessKeyId: ${s3.accessKeyId}\n  secretAccessKey: ${s3.secretAccessKey}\n`,
  );
  sluice = await openSluice({ project: { root, config }, store: { kind: 'sqlite', path: join(dir, '.sluice', 'metadata.db') } });
  env = { services: sluice.services, call: serviceCaller(sluice.services), log: () => {} };
  await call('CreateCrawler', { Name: 'landing', Role: 'r', DatabaseName: 'raw', Targets: { S3Targets: [{ Path: 'lake/raw/landing' }] } });
  await call('CreateJob', { Name: 'load', Role: 'r', Command: { Name: 'glueetl', ScriptLocation: 'jobs/ok.mjs' } });
  await call('CreateWorkflow', { Name: 'arrivals' });
  await call('CreateWorkflow', { Name: 'cloud', MaxConcurrentRuns: 1 });
});
afterAll(async () => {
  setHosting(false);
  await sluice?.close();
  await s3?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('EVENT triggers', () => {
  it('watch the folders of the crawlers they start, and batch by size', async () => {
    drop('before.json', 60_000); // there before the trigger was activated: not an event
    await call('CreateTrigger', {
      Name: 'on-landing',
      WorkflowName: 'arrivals',
      Type: 'EVENT',
      EventBatchingCondition: { BatchSize: 3, BatchWindow: 60 },
      Actions: [{ CrawlerName: 'landing' }],
      StartOnCreation: true,
    });
    expect(await call('GetTriggerEventSource', { TriggerName: 'on-landing' })).toMatchObject({
      Locations: ['lake/raw/landing'],
      Derived: true,
      PendingEvents: 0,
    });
    drop('a.json', 0);
    drop('b.json', 0);
    drop('.hidden', 0);
    drop('_SUCCESS', 0);
    const now = Date.now();
    expect(await scanAll(env, now, SETTLE)).toEqual({ 'on-landing': 0 }); // still being written
    expect(await scanAll(env, now + 2 * SETTLE, SETTLE)).toEqual({ 'on-landing': 2 });
    expect(await scanAll(env, now + 3 * SETTLE, SETTLE)).toEqual({ 'on-landing': 0 }); // seen already
    expect(await fireBatches(env, now + 3 * SETTLE)).toEqual([]);
    drop('c.json', 0);
    drop('d.json', 0);
    expect(await scanAll(env, now + 4 * SETTLE, SETTLE)).toEqual({ 'on-landing': 2 });
    const [batch, ...more] = await fireBatches(env, now + 4 * SETTLE);
    expect(more).toEqual([]);
    expect(batch).toMatchObject({ trigger: 'on-landing', status: 'RUNNING', events: 3, condition: { BatchSize: 3 } });
    const { Run } = await call('GetWorkflowRun', { Name: 'arrivals', RunId: batch.runId });
    expect(Run.StartingEventBatchCondition).toEqual({ BatchSize: 3 });
    expect(JSON.parse(Run.WorkflowRunProperties['aws:eventIds'])).toHaveLength(3);
    expect(await pending('on-landing')).toBe(1);
  });

  it('fire what is waiting when the window has passed since the first event, and count rewrites', async () => {
    const now = Date.now();
    expect(await fireBatches(env, now + 30_000)).toEqual([]);
    drop('a.json', 0); // rewritten: a new event
    expect(await scanAll(env, now + 2 * SETTLE, SETTLE)).toEqual({ 'on-landing': 1 });
    // The first waiting event arrived at the previous test's clock (about now + 4 s).
    const [batch] = await fireBatches(env, now + 70_000);
    expect(batch).toMatchObject({ events: 2, condition: { BatchWindow: 60 } });
    expect((await call('GetWorkflowRun', { Name: 'arrivals', RunId: batch.runId })).Run.StartingEventBatchCondition).toEqual({
      BatchWindow: 60,
    });
    expect(await pending('on-landing')).toBe(0);
    expect(await fireBatches(env, now + 200_000)).toEqual([]);
  });

  it('ignore files while deactivated, and watch an explicit S3 prefix', async () => {
    await call('StopTrigger', { Name: 'on-landing' });
    drop('e.json', 0);
    expect(await scanAll(env, Date.now() + 2 * SETTLE, SETTLE)).toEqual({});
    await call('CreateTrigger', {
      Name: 'on-bucket',
      WorkflowName: 'cloud',
      Type: 'EVENT',
      EventBatchingCondition: { BatchSize: 1 },
      Actions: [{ JobName: 'load' }],
    });
    await expectGlueError(call('PutTriggerEventSource', { TriggerName: 'on-landing', Locations: ['ftp://x/y'] }), 'InvalidInputException');
    await expectGlueError(call('PutTriggerEventSource', { TriggerName: 'ghost', Locations: [] }), 'EntityNotFoundException');
    await call('PutTriggerEventSource', { TriggerName: 'on-bucket', Locations: ['s3://lake/incoming'] });
    const { store } = sluice.services.storage.resolve('s3://lake/');
    await store.write('incoming/old.csv', 'x\n1\n');
    await new Promise((r) => setTimeout(r, 1100)); // S3 times have whole seconds
    await call('StartTrigger', { Name: 'on-bucket' });
    await new Promise((r) => setTimeout(r, 1100));
    await store.write('incoming/2024/new-1.csv', 'x\n2\n');
    await store.write('incoming/2024/new-2.csv', 'x\n3\n');
    expect(await scanAll(env, Date.now() + 3 * SETTLE, SETTLE)).toEqual({ 'on-bucket': 2 });
    // BatchSize 1: two runs, but the workflow allows one at a time: the second is recorded in ERROR.
    const batches = await fireBatches(env, Date.now());
    expect(batches.map((b) => [b.events, b.status])).toEqual([
      [1, 'RUNNING'],
      [1, 'ERROR'],
    ]);
    const { Run } = await call('GetWorkflowRun', { Name: 'cloud', RunId: batches[1].runId });
    expect(Run).toMatchObject({ Status: 'ERROR', ErrorMessage: 'Concurrent runs exceeded for workflow: cloud.' });
    expect(await call('GetTriggerEventSource', { TriggerName: 'on-bucket' })).toMatchObject({
      Locations: ['s3://lake/incoming'],
      Derived: false,
      PendingEvents: 0,
    });
  });
});
