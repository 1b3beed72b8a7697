// The `monitoring` section of sluice.yaml: alarms, notifiers, cost and retention. Alarms are merged
// with the seeds' default set by name, so a project overrides one default (or disables it with
// `enabled: false`) without restating the others.
import { z } from 'zod';

// The same shape as config/schema.ts's secretRef; not imported from there, because that module
// imports this one (an import cycle would leave it undefined here).
const secretRef = z.union([z.string(), z.object({ env: z.string().min(1) }).strict()]);

const common = {
  name: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, 'an alarm name is 1 to 128 letters, digits, dots, dashes or underscores'),
  description: z.string().optional(),
  severity: z.enum(['warning', 'critical']).optional(),
  /** Glob on the subject (job name, crawler name, database.table); default every subject. */
  match: z.string().default('*'),
  /** Notifier names; default every configured notifier (the run log is always written). */
  notify: z.array(z.string()).optional(),
  enabled: z.boolean().default(true),
};

export const alarmSchema = z.discriminatedUnion('rule', [
  z
    .object({
      ...common,
      rule: z.literal('job-failure'),
      kinds: z.array(z.enum(['job', 'crawl', 'workflow', 'dq-evaluation'])).default(['job']),
    })
    .strict(),
  z.object({ ...common, rule: z.literal('job-duration'), percentOfTimeout: z.number().positive().max(1000) }).strict(),
  z.object({ ...common, rule: z.literal('quality-score'), minScore: z.number().min(0).max(1) }).strict(),
  z.object({ ...common, rule: z.literal('error-rate'), maxPercent: z.number().min(0).max(100) }).strict(),
  z
    .object({
      ...common,
      rule: z.literal('row-volume'),
      tolerancePercent: z.number().positive(),
      /** How many earlier successful runs make the average. */
      window: z.number().int().min(1).max(100).default(5),
      /** Below this many earlier runs the alarm stays INSUFFICIENT_DATA. */
      minRuns: z.number().int().min(1).default(3),
      metric: z.enum(['rowsWritten', 'rowsRead']).default('rowsWritten'),
    })
    .strict(),
  z.object({ ...common, rule: z.literal('schema-change') }).strict(),
  z.object({ ...common, rule: z.literal('cost'), budget: z.number().nonnegative(), per: z.enum(['run', 'day']).default('run') }).strict(),
]);

export type AlarmConfig = z.infer<typeof alarmSchema>;
export type AlarmRuleName = AlarmConfig['rule'];

const webhook = z
  .object({
    name: z.string().min(1),
    kind: z.literal('webhook'),
    /** A Slack webhook URL is a secret: give it as { env: VAR }. */
    url: z.union([z.string().url(), z.object({ env: z.string().min(1) }).strict()]),
    /** json: the alarm event as it is; slack: a Slack incoming-webhook message (also Mattermost, Teams' Slack mode). */
    format: z.enum(['json', 'slack']).default('json'),
    headers: z.record(z.string(), secretRef).default({}),
    timeoutMs: z.number().int().positive().default(5000),
  })
  .strict();

const email = z
  .object({
    name: z.string().min(1),
    kind: z.literal('email'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(587),
    /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
    secure: z.boolean().default(false),
    user: secretRef.optional(),
    password: secretRef.optional(),
    from: z.string().min(3),
    to: z.array(z.string().min(3)).min(1),
    timeoutMs: z.number().int().positive().default(10000),
  })
  .strict();

export const notifierSchema = z.discriminatedUnion('kind', [webhook, email]);
export type NotifierConfig = z.infer<typeof notifierSchema>;

/** The seeds' alarms: what the pipeline's CloudWatch alarms watched. */
export const DEFAULT_ALARMS: AlarmConfig[] = [
  {
    name: 'job-failure',
    rule: 'job-failure',
    severity: 'critical',
    match: '*',
    enabled: true,
    kinds: ['job'],
    description: 'A job run failed, timed out or errored',
  },
  {
    name: 'job-duration-warning',
    rule: 'job-duration',
    severity: 'warning',
    match: '*',
    enabled: true,
    percentOfTimeout: 50,
    description: 'A job run took over 50 % of its timeout',
  },
  {
    name: 'job-duration-critical',
    rule: 'job-duration',
    severity: 'critical',
    match: '*',
    enabled: true,
    percentOfTimeout: 75,
    description: 'A job run took over 75 % of its timeout',
  },
  {
    name: 'quality-score',
    rule: 'quality-score',
    severity: 'warning',
    match: '*',
    enabled: true,
    minScore: 0.9,
    description: 'A data-quality score fell below 0.9',
  },
  {
    name: 'error-rate',
    rule: 'error-rate',
    severity: 'warning',
    match: '*',
    enabled: true,
    maxPercent: 5,
    description: 'Over 5 % of the rows a job read were quarantined',
  },
  {
    name: 'row-volume',
    rule: 'row-volume',
    severity: 'warning',
    match: '*',
    enabled: true,
    tolerancePercent: 20,
    window: 5,
    minRuns: 3,
    metric: 'rowsWritten',
    description: 'Rows written moved over 20 % from the average of recent runs',
  },
  {
    name: 'schema-change',
    rule: 'schema-change',
    severity: 'warning',
    match: '*',
    enabled: true,
    description: "A table's columns changed",
  },
  {
    name: 'cost',
    rule: 'cost',
    severity: 'warning',
    match: '*',
    enabled: true,
    budget: 1,
    per: 'run',
    description: 'A run would have cost over 1.00 on AWS Glue',
  },
];

export const monitoringSchema = z
  .object({
    /** Runs the monitor inside `sluice server`. */
    enabled: z.boolean().default(true),
    /** How often the server's monitor looks for ended runs and due notifications. */
    intervalSeconds: z.number().positive().default(2),
    /** Metric history, alarm history and delivered notifications older than this are deleted. */
    retentionDays: z.number().positive().default(30),
    cost: z
      .object({
        /** AWS Glue's price per DPU-hour (us-east-1, standard execution). */
        pricePerDpuHour: z.number().nonnegative().default(0.44),
        currency: z.string().default('USD'),
        /** DPUs a job run is billed for when its job names no capacity: Glue's default, 10 G.1X workers. */
        defaultJobDpus: z.number().positive().default(10),
        /** Glue bills at least one minute per job run (Glue 2.0 and later). */
        minimumSeconds: z.number().nonnegative().default(60),
      })
      .strict()
      .default({ pricePerDpuHour: 0.44, currency: 'USD', defaultJobDpus: 10, minimumSeconds: 60 }),
    alarms: z.array(alarmSchema).default([]),
    notifiers: z.array(notifierSchema).default([]),
    /** Retries of a failed delivery: attempts in all, and the first back-off (doubling each time, at most 10 minutes). */
    delivery: z
      .object({ maxAttempts: z.number().int().min(1).max(20).default(6), backoffMs: z.number().int().nonnegative().default(2000) })
      .strict()
      .default({ maxAttempts: 6, backoffMs: 2000 }),
  })
  .strict()
  .superRefine((m, ctx) => {
    const names = new Set<string>();
    m.notifiers.forEach((n, i) => {
      if (names.has(n.name))
        ctx.addIssue({ code: 'custom', path: ['notifiers', i, 'name'], message: `notifier ${n.name} is listed twice` });
      if (n.name === 'log')
        ctx.addIssue({ code: 'custom', path: ['notifiers', i, 'name'], message: "'log' is the run log's notifier and is always on" });
      names.add(n.name);
    });
    const alarms = new Set<string>();
    m.alarms.forEach((a, i) => {
      if (alarms.has(a.name)) ctx.addIssue({ code: 'custom', path: ['alarms', i, 'name'], message: `alarm ${a.name} is listed twice` });
      alarms.add(a.name);
      for (const n of a.notify ?? []) {
        if (n !== 'log' && !names.has(n))
          ctx.addIssue({ code: 'custom', path: ['alarms', i, 'notify'], message: `no notifier is named ${n}` });
      }
    });
  })
  .default({
    enabled: true,
    intervalSeconds: 2,
    retentionDays: 30,
    cost: { pricePerDpuHour: 0.44, currency: 'USD', defaultJobDpus: 10, minimumSeconds: 60 },
    alarms: [],
    notifiers: [],
    delivery: { maxAttempts: 6, backoffMs: 2000 },
  });

export type MonitoringConfig = z.infer<typeof monitoringSchema>;

/** The alarms in force: the defaults, replaced by name by the project's own, without disabled ones. */
export function effectiveAlarms(m: Pick<MonitoringConfig, 'alarms'>): AlarmConfig[] {
  const byName = new Map(DEFAULT_ALARMS.map((a) => [a.name, a]));
  for (const a of m.alarms) byName.set(a.name, a);
  return [...byName.values()].filter((a) => a.enabled);
}
