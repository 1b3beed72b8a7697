// Delivery through the outbox to a real webhook receiver and a real SMTP server on loopback: the
// generic JSON and Slack formats, e-mail, retries with exponential back-off on a controlled clock,
// permanent refusals, exhausted attempts, and a receiver that never answers (the monitor moves on).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { monitoringSchema, type MonitoringConfig } from '../config.js';
import { applyDatapoint } from '../alarms/alarm-store.js';
import { DEFAULT_ALARMS } from '../config.js';
import { createNotifiers } from './create-notifiers.js';
import { deliverDue } from './outbox.js';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver.js';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.js';
import { readRunLog } from '../logs/read-log.js';

let p: TestProject;
let hook: WebhookReceiver;
let smtp: SmtpSink;
let silent: Server;
let silentUrl: string;

beforeAll(async () => {
  [hook, smtp, p] = await Promise.all([startWebhookReceiver(), startSmtpSink(), openTestProject()]);
  // Accepts connections and never answers.
  silent = createServer(() => undefined);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  silent?.closeAllConnections();
  await new Promise((r) => silent?.close(r));
  await p?.cleanup();
  await hook?.close();
  await smtp?.close();
});
beforeEach(async () => {
  hook.received.length = 0;
  smtp.mails.length = 0;
  await p.sluice.services.store.db.deleteFrom('notifications').execute();
});

const db = () => p.sluice.services.store.db;
const failure = DEFAULT_ALARMS.find((a) => a.name === 'job-failure')!;

function configure(notifiers: unknown[]): MonitoringConfig {
  return monitoringSchema.parse({ notifiers, delivery: { maxAttempts: 4, backoffMs: 1000 } });
}

let n = 0;
/** An OK → ALARM transition of job-failure, queued for every notifier; returns the subject. */
async function transition(notifiers: string[]): Promise<string> {
  const subject = `job-${++n}`;
  const run = { id: `jr_${n}`, kind: 'job', name: subject };
  await applyDatapoint(db(), failure, { subject, state: 'OK', reason: 'fine' }, { at: Date.now(), run, notifiers });
  await applyDatapoint(
    db(),
    failure,
    { subject, state: 'ALARM', reason: `Job run jr_${n} ended FAILED: boom` },
    { at: Date.now(), run, notifiers, link: 'http://127.0.0.1:4590/ui/alarms' },
  );
  return subject;
}

const rows = () => db().selectFrom('notifications').selectAll().orderBy('notifier').execute();

describe('webhook notifier', () => {
  it('posts the event as JSON, and as a Slack message', async () => {
    const m = configure([
      { name: 'json', kind: 'webhook', url: hook.url, headers: { 'x-token': 'secret' } },
      { name: 'slack', kind: 'webhook', url: hook.url, format: 'slack' },
    ]);
    const notifiers = createNotifiers(p.dir, m);
    const subject = await transition(['json', 'slack']);
    const summary = await deliverDue(db(), notifiers, m.delivery);
    expect(summary).toEqual({ sent: 3, retried: 0, failed: 0 });
    const json = hook.received.find((r) => r.body.alarm)!;
    expect(json.headers['x-token']).toBe('secret');
    expect(json.body).toMatchObject({
      alarm: 'job-failure',
      rule: 'job-failure',
      severity: 'critical',
      subject,
      previousState: 'OK',
      state: 'ALARM',
      reason: `Job run jr_${n} ended FAILED: boom`,
      run: { id: `jr_${n}`, kind: 'job' },
    });
    const slack = hook.received.find((r) => r.body.text)!.body;
    expect(slack.text).toBe(`:rotating_light: [CRITICAL] job-failure is ALARM for ${subject}`);
    expect(slack.blocks[0].text.text).toContain(`Job run jr_${n} ended FAILED: boom`);
    expect(slack.blocks.at(-1).elements[0].url).toBe('http://127.0.0.1:4590/ui/alarms');
    expect((await rows()).map((r) => [r.notifier, r.state, r.attempts])).toEqual([
      ['json', 'SENT', 1],
      ['log', 'SENT', 1],
      ['slack', 'SENT', 1],
    ]);
    // The log notifier wrote into the run's log.
    expect(readRunLog(p.dir, `jr_${n}`, { kind: 'job' }).entries[0].msg).toMatch(/^\[CRITICAL\] job-failure is ALARM for job-\d+: Job run/);
  });

  it('retries a failing receiver with exponential back-off, then delivers once', async () => {
    const m = configure([{ name: 'hook', kind: 'webhook', url: hook.url }]);
    const notifiers = createNotifiers(p.dir, m);
    await transition(['hook']);
    hook.failNext(2, 503);
    let t = Date.now();
    const at = { now: () => t, maxAttempts: 4, backoffMs: 1000 };
    expect(await deliverDue(db(), notifiers, at)).toEqual({ sent: 1, retried: 1, failed: 0 }); // the log, and the hook's first failure
    const first = (await rows()).find((r) => r.notifier === 'hook')!;
    expect([first.state, first.attempts, first.next_attempt_on - t]).toEqual(['PENDING', 1, 1000]);
    expect(first.last_error).toBe(`POST ${hook.url} answered 503: try later`);
    t += 999;
    expect(await deliverDue(db(), notifiers, at)).toEqual({ sent: 0, retried: 0, failed: 0 }); // not due yet
    t += 1;
    expect(await deliverDue(db(), notifiers, at)).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect((await rows()).find((r) => r.notifier === 'hook')!.next_attempt_on - t).toBe(2000); // doubled
    t += 2000;
    expect(await deliverDue(db(), notifiers, at)).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect((await rows()).find((r) => r.notifier === 'hook')).toMatchObject({ state: 'SENT', attempts: 3, last_error: null });
    expect(hook.received.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('retries a dropped connection, gives up after maxAttempts, and does not retry a 4xx refusal', async () => {
    const m = configure([
      { name: 'flaky', kind: 'webhook', url: hook.url },
      { name: 'gone', kind: 'webhook', url: hook.url.replace('/hook', '/gone') },
    ]);
    const notifiers = createNotifiers(p.dir, m);
    await transition(['flaky']);
    hook.failNext(10, 'drop');
    let t = Date.now();
    for (let i = 0; i < 4; i++) {
      await deliverDue(db(), notifiers, { now: () => t, maxAttempts: 4, backoffMs: 10 });
      t += 60_000;
    }
    const flaky = (await rows()).find((r) => r.notifier === 'flaky')!;
    expect([flaky.state, flaky.attempts]).toEqual(['FAILED', 4]);
    expect(flaky.last_error).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/hook failed: /);

    hook.failNext(1, 404);
    await transition(['gone']);
    await deliverDue(db(), notifiers, { maxAttempts: 4, backoffMs: 10 });
    const gone = (await rows()).find((r) => r.notifier === 'gone')!;
    expect([gone.state, gone.attempts, gone.last_error]).toEqual([
      'FAILED',
      1,
      `POST ${hook.url.replace('/hook', '/gone')} answered 404: try later`,
    ]);
  });

  it('gives up on a receiver that never answers after its timeout, leaving the notification to retry', async () => {
    const m = configure([{ name: 'silent', kind: 'webhook', url: silentUrl, timeoutMs: 300 }]);
    const notifiers = createNotifiers(p.dir, m);
    await transition(['silent']);
    const started = Date.now();
    expect(await deliverDue(db(), notifiers, m.delivery)).toEqual({ sent: 1, retried: 1, failed: 0 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await rows()).find((r) => r.notifier === 'silent')!.last_error).toBe(`POST ${silentUrl} failed: no answer within 300 ms`);
  });

  it('takes a secret URL from the environment and never shows more than its origin', async () => {
    expect(() => createNotifiers(p.dir, configure([{ name: 'slack', kind: 'webhook', url: { env: 'SLUICE_TEST_UNSET_HOOK' } }]))).toThrow(
      'monitoring.notifiers.slack.url refers to environment variable SLUICE_TEST_UNSET_HOOK, which is not set',
    );
    process.env.SLUICE_TEST_HOOK = hook.url;
    const m = configure([{ name: 'slack', kind: 'webhook', url: { env: 'SLUICE_TEST_HOOK' }, format: 'slack' }]);
    const notifiers = createNotifiers(p.dir, m);
    await transition(['slack']);
    hook.failNext(1, 503);
    await deliverDue(db(), notifiers, m.delivery);
    const row = (await rows()).find((r) => r.notifier === 'slack')!;
    expect(row.last_error).toBe(`POST ${new URL(hook.url).origin}/… (SLUICE_TEST_HOOK) answered 503: try later`);
  });

  it('fails a notification whose notifier was removed from sluice.yaml, saying so', async () => {
    await transition(['removed']);
    await deliverDue(db(), createNotifiers(p.dir, configure([])), { maxAttempts: 4, backoffMs: 10 });
    expect((await rows()).find((r) => r.notifier === 'removed')).toMatchObject({
      state: 'FAILED',
      last_error: 'notifier removed is not configured (any more)',
    });
  });
});

describe('e-mail notifier', () => {
  const email = (extra: Record<string, unknown> = {}) => ({
    name: 'mail',
    kind: 'email',
    host: '127.0.0.1',
    port: smtp.port,
    from: 'sluice@example.com',
    to: ['oncall@example.com', 'data@example.com'],
    ...extra,
  });

  it('sends one message per transition over SMTP', async () => {
    const m = configure([email()]);
    const notifiers = createNotifiers(p.dir, m);
    const subject = await transition(['mail']);
    expect(await deliverDue(db(), notifiers, m.delivery)).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail.from).toBe('sluice@example.com');
    expect(mail.to).toEqual(['oncall@example.com', 'data@example.com']);
    expect(mail.raw).toContain(`Subject: [CRITICAL] job-failure is ALARM for ${subject}`);
    expect(mail.raw).toContain(`Job run jr_${n} ended FAILED: boom`);
    expect(mail.raw).toContain(`Logs:      sluice logs jr_${n}`);
    await Promise.all([...notifiers.values()].map((x) => x.close?.()));
  });

  it('retries a temporary SMTP refusal (4xx) and fails at once on a permanent one (5xx)', async () => {
    const m = configure([email()]);
    const notifiers = createNotifiers(p.dir, m);
    await transition(['mail']);
    smtp.refuseNext(1, 451);
    let t = Date.now();
    await deliverDue(db(), notifiers, { now: () => t, maxAttempts: 4, backoffMs: 1000 });
    const retried = (await rows()).find((r) => r.notifier === 'mail')!;
    expect([retried.state, retried.attempts]).toEqual(['PENDING', 1]);
    expect(retried.last_error).toMatch(/^SMTP 127\.0\.0\.1:\d+: .*451/);
    t += 1000;
    await deliverDue(db(), notifiers, { now: () => t, maxAttempts: 4, backoffMs: 1000 });
    expect((await rows()).find((r) => r.notifier === 'mail')!.state).toBe('SENT');
    expect(smtp.mails).toHaveLength(1);

    await transition(['mail']);
    smtp.refuseNext(1, 550);
    await deliverDue(db(), notifiers, { maxAttempts: 4, backoffMs: 1000 });
    const refused = (await rows()).find((r) => r.notifier === 'mail' && r.state !== 'SENT')!;
    expect([refused.state, refused.attempts]).toEqual(['FAILED', 1]);
    expect(smtp.mails).toHaveLength(1);
    await Promise.all([...notifiers.values()].map((x) => x.close?.()));
  });

  it('retries when the SMTP server cannot be reached', async () => {
    const closed = await startSmtpSink();
    const port = closed.port;
    await closed.close();
    const m = configure([email({ port, timeoutMs: 1000 })]);
    const notifiers = createNotifiers(p.dir, m);
    await transition(['mail']);
    await deliverDue(db(), notifiers, m.delivery);
    const row = (await rows()).find((r) => r.notifier === 'mail')!;
    expect([row.state, row.attempts]).toEqual(['PENDING', 1]);
    expect(row.last_error).toMatch(new RegExp(`^SMTP 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
  });
});
