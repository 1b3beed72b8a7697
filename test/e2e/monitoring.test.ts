// Monitoring end to end, after a demo run, against `sluice server` in its own process: the Prometheus
// series of /metrics, the alarm the demo's quality score fires reaching a real webhook (Slack format)
// and a real SMTP server once, and `sluice logs` / `sluice alarms` embedded and remote.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { demoProject, type DemoProject } from '../../src/monitoring/test-support/demo-project.js';
import { startServerProcess, type ServerProcess } from '../../src/monitoring/test-support/server-process.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../src/monitoring/test-support/webhook-receiver.js';
import { startSmtpSink, type SmtpSink } from '../../src/monitoring/test-support/smtp-sink.js';
import { callRemote } from '../../src/api/http/client.js';

let demo: DemoProject;
let server: ServerProcess;
let hook: WebhookReceiver;
let smtp: SmtpSink;

beforeAll(async () => {
  [hook, smtp] = await Promise.all([startWebhookReceiver(), startSmtpSink()]);
  demo = await demoProject(`monitoring:
  intervalSeconds: 0.5
  notifiers:
    - { name: chat, kind: webhook, url: "${hook.url}", format: slack }
    - { name: oncall, kind: email, host: 127.0.0.1, port: ${smtp.port}, from: sluice@example.com, to: [oncall@example.com] }`);
  server = await startServerProcess(demo.dir);
}, 180_000);
afterAll(async () => {
  await server?.stop();
  demo?.cleanup();
  await hook?.close();
  await smtp?.close();
});

const api = (operation: string, input: unknown = {}) =>
  callRemote(operation, input, { endpoint: server.url, region: 'us-east-1' }) as Promise<any>;

/** The exposition as series → value; every line must be a comment or `name{labels} value`. */
function parseExposition(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{.*\})?) (-?[0-9.e+-]+|NaN|[+-]Inf)$/.exec(line);
    expect(m, `not Prometheus text format: ${line}`).not.toBeNull();
    out.set(m![1], Number(m![2]));
  }
  return out;
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  for (const end = Date.now() + ms; ;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const metrics = async () => parseExposition(await (await fetch(`${server.url}/metrics`)).text());

interface Run {
  RunId: string;
  Kind: string;
  Name: string;
  State: string;
  Ended: boolean;
}

describe('GET /metrics after a demo run', () => {
  it('has the series the issue lists, with the values the runs recorded', async () => {
    // Some API traffic first: one call that succeeds, one that fails.
    await api('GetDatabases');
    await expect(api('GetTable', { DatabaseName: 'raw', Name: 'missing' })).rejects.toThrow(/not found/i);
    // The monitor has judged the demo when every ended run left its duration.
    const runs: Run[] = (await api('ListRuns', { MaxResults: 1000 })).Runs.filter((r: Run) => r.Ended);
    const m = await until('the monitor to judge the demo', async () => {
      const now = await metrics();
      const judged = [...now].filter(([k]) => k.startsWith('sluice_run_duration_seconds_count')).reduce((n, [, v]) => n + v, 0);
      return judged === runs.length ? now : undefined;
    });
    expect(server.output()).toContain(`dashboard: ${server.url}/ui/ · metrics: ${server.url}/metrics`);
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);

    // Runs by kind, name and final state; durations by kind and name: as the runs table has them.
    const count = (pick: (r: Run) => string) => runs.reduce((c, r) => c.set(pick(r), (c.get(pick(r)) ?? 0) + 1), new Map<string, number>());
    for (const [key, n] of count((r) => `kind="${r.Kind}",name="${r.Name}",state="${r.State}"`))
      expect(m.get(`sluice_runs_total{${key}}`), key).toBe(n);
    for (const [key, n] of count((r) => `kind="${r.Kind}",name="${r.Name}"`))
      expect(m.get(`sluice_run_duration_seconds_bucket{le="+Inf",${key}}`), key).toBe(n);
    expect(runs.filter((r) => r.Kind === 'job' && r.State === 'SUCCEEDED').length).toBeGreaterThanOrEqual(2);

    // Rows, bytes and cost: the sums of what each successful job run recorded.
    const jobs = new Map<string, { rowsRead: number; rowsWritten: number; rowsQuarantined: number; bytesWritten: number; cost: number }>();
    for (const r of runs.filter((x) => x.Kind === 'job' && x.State === 'SUCCEEDED')) {
      const { Run: run, Metrics, Cost } = await api('GetRun', { RunId: r.RunId });
      const t = jobs.get(r.Name) ?? { rowsRead: 0, rowsWritten: 0, rowsQuarantined: 0, bytesWritten: 0, cost: 0 };
      jobs.set(r.Name, {
        rowsRead: t.rowsRead + Metrics.rowsRead,
        rowsWritten: t.rowsWritten + Metrics.rowsWritten,
        rowsQuarantined: t.rowsQuarantined + Metrics.rowsQuarantined,
        bytesWritten: t.bytesWritten + Metrics.bytesWritten,
        cost: t.cost + Cost.Amount,
      });
      // Glue's default capacity (10 DPUs) billed for at least a minute, at 0.44 USD a DPU-hour.
      expect(Cost.DpuSeconds).toBeCloseTo(10 * Math.max(60, run.DurationSeconds), 6);
      expect(Cost.Amount).toBeCloseTo((Cost.DpuSeconds / 3600) * 0.44, 9);
    }
    for (const [job, t] of jobs) {
      expect(m.get(`sluice_job_rows_read_total{job="${job}"}`), job).toBe(t.rowsRead);
      expect(m.get(`sluice_job_rows_written_total{job="${job}"}`), job).toBe(t.rowsWritten);
      expect(m.get(`sluice_job_rows_quarantined_total{job="${job}"}`), job).toBe(t.rowsQuarantined);
      expect(m.get(`sluice_job_bytes_written_total{job="${job}"}`), job).toBe(t.bytesWritten);
      expect(m.get(`sluice_job_estimated_cost_total{job="${job}"}`), job).toBeCloseTo(t.cost, 9);
    }
    expect(m.get('sluice_job_rows_quarantined_total{job="ecommerce-process"}')).toBeGreaterThan(0);

    // Quality: the latest result of the demo's ruleset on raw.orders, its score and rule outcomes.
    const results = (await api('ListDataQualityResults', { MaxResults: 100 })).Results;
    const latest = (await Promise.all(results.map((r: { ResultId: string }) => api('GetDataQualityResult', { ResultId: r.ResultId }))))
      .filter((r) => r.RulesetName === 'ecommerce-orders' && r.DataSource.GlueTable.TableName === 'orders')
      .sort((a, b) => b.StartedOn - a.StartedOn)[0];
    const outcome = (o: string) => latest.RuleResults.filter((x: { Result: string }) => x.Result === o).length;
    const labels = 'table="raw.orders",ruleset="ecommerce-orders"';
    expect(m.get(`sluice_quality_score{${labels}}`)).toBe(latest.Score);
    expect(m.get(`sluice_quality_rules{${labels},outcome="pass"}`)).toBe(outcome('PASS'));
    expect(m.get(`sluice_quality_rules{${labels},outcome="fail"}`)).toBe(outcome('FAIL'));
    expect(m.get(`sluice_quality_rules{${labels},outcome="error"}`)).toBe(outcome('ERROR'));
    expect(m.get('sluice_crawler_tables_total{crawler="raw",action="created"}')).toBeGreaterThanOrEqual(5);

    // Alarm states, as ListAlarms has them.
    for (const a of (await api('ListAlarms')).Alarms) {
      for (const s of a.Subjects) expect(m.get(`sluice_alarm_state{alarm="${a.Name}",subject="${s.Subject}",state="${s.State}"}`)).toBe(1);
    }

    expect(m.get('sluice_api_requests_total{operation="GetDatabases",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(m.get('sluice_api_requests_total{operation="GetTable",status="400"}')).toBe(1);
    expect(m.get('sluice_api_request_duration_seconds_count{operation="GetDatabases"}')).toBeGreaterThanOrEqual(1);
    expect(await res.text()).toContain('# TYPE sluice_scheduler_lag_seconds histogram');
    expect(m.get('sluice_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('tells the webhook (as Slack messages) and the mailbox of each transition into or out of ALARM, once', async () => {
    const notable = (await api('GetAlarmHistory', { MaxResults: 1000 })).History.filter(
      (h: { OldState: string; NewState: string }) => h.OldState === 'ALARM' || h.NewState === 'ALARM',
    );
    expect(notable.map((h: { AlarmName: string }) => h.AlarmName)).toContain('quality-score');
    await until('the notifications', async () =>
      (await api('ListNotifications', { State: 'SENT', MaxResults: 1000 })).Notifications.length >= notable.length * 3 ? true : undefined,
    );
    const told = hook.received.map((r) => r.body.text).sort();
    const expected = notable.map((h: { AlarmName: string; NewState: string; Severity: string; Subject: string }) => {
      const mark =
        h.NewState === 'ALARM' ? (h.Severity === 'critical' ? 'CRITICAL' : 'WARNING') : h.NewState === 'OK' ? 'RESOLVED' : 'NO DATA';
      const emoji = h.NewState === 'ALARM' ? ':rotating_light:' : h.NewState === 'OK' ? ':white_check_mark:' : ':grey_question:';
      return `${emoji} [${mark}] ${h.AlarmName} is ${h.NewState} for ${h.Subject}`;
    });
    expect(told).toEqual(expected.sort());
    const quality = hook.received.find((r) => r.body.text.includes('quality-score is ALARM'))!;
    expect(quality.body.blocks.at(-1).elements[0].url).toBe(`${server.url}/ui/alarms?alarm=quality-score`);
    expect(smtp.mails.map((mail) => /^Subject: (.*)$/m.exec(mail.raw)![1]).sort()).toEqual(
      expected.map((t: string) => t.replace(/^:[a-z_]+: /, '')).sort(),
    );
    // Later passes judge nothing again: no more messages.
    await new Promise((r) => setTimeout(r, 1500));
    expect(hook.received).toHaveLength(notable.length);
    expect(smtp.mails).toHaveLength(notable.length);
  });
});

describe('sluice logs', () => {
  it("prints a job run's log, filters by level, prints JSON, and reads the same from a server", async () => {
    const run = (await api('ListRuns', { Names: ['ecommerce-process'] })).Runs[0];
    const plain = runCli(demo.dir, ['logs', run.RunId]);
    expect(plain.stderr).toBe('');
    expect(plain.status).toBe(0);
    expect(plain.stdout).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z {2}INFO {3}run started {2}job=ecommerce-process/m);
    expect(plain.stdout).toMatch(/INFO {3}run committed {2}summary="read [\d,]+ of [\d,]+ rows in the input[^"]*" {2}rowsRead=\d+/);
    expect(runCli(demo.dir, ['logs', run.RunId, '--endpoint-url', server.url]).stdout).toBe(plain.stdout);
    const errors = runCli(demo.dir, ['logs', run.RunId, '--level', 'error']);
    expect([errors.status, errors.stdout]).toEqual([0, '']);
    const json = runCli(demo.dir, ['logs', run.RunId, '--json'])
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(json[0]).toMatchObject({ Level: 'info', Message: 'run started', Fields: { job: 'ecommerce-process' } });
  });

  it('follows a running job until it ends', async () => {
    const { JobRunId } = await api('StartJobRun', { JobName: 'ecommerce-ingest' });
    const child = spawn(process.execPath, [BIN, 'logs', JobRunId, '--follow', '--interval', '100', '--endpoint-url', server.url], {
      cwd: demo.dir,
      env: { ...process.env, SLUICE_FROM_SOURCE: '1' },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(0);
    expect(out).toMatch(/run started/);
    expect(out.trimEnd()).toMatch(/run ended {2}state=SUCCEEDED$/);
  }, 60_000);

  it('says so when there is no such run', () => {
    const r = runCli(demo.dir, ['logs', 'jr_nope']);
    expect(r.status).toBe(254);
    expect(r.stderr).toBe(
      '\nAn error occurred (EntityNotFoundException) when calling the GetRunLog operation: Run jr_nope not found, and no log is kept under that id\n',
    );
    expect(runCli(demo.dir, ['logs', 'jr_nope', '--level', 'loud']).stderr).toMatch(
      /--level takes one of trace, debug, info, warn, error, fatal, not 'loud'/,
    );
  });
});

describe('sluice alarms', () => {
  it('lists states, shows history, and evaluates nothing twice', () => {
    const list = runCli(demo.dir, ['alarms']);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(
      /^quality-score +quality-score +(ALARM|OK) +raw\.orders\/ecommerce-orders +Result dqresult-\w+ for raw\.orders \(ecommerce-orders\) scored \d\.\d\d, /m,
    );
    expect(list.stdout).toMatch(/^job-failure +job-failure +OK +ecommerce-ingest /m);
    expect(runCli(demo.dir, ['alarms', 'list', '--endpoint-url', server.url]).stdout).toBe(list.stdout);
    const history = runCli(demo.dir, ['alarms', 'history', '--alarm', 'quality-score', '--json']);
    expect(JSON.parse(history.stdout).History.at(-1)).toMatchObject({
      AlarmName: 'quality-score',
      Subject: 'raw.orders/ecommerce-orders',
      OldState: 'INSUFFICIENT_DATA',
      NewState: 'ALARM',
    });
    const evaluated = runCli(demo.dir, ['alarms', 'evaluate']);
    expect(evaluated.stdout).toMatch(/^Judged 0 runs and 0 quality results\./);
  });
});
