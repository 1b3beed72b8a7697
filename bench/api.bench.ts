// GetTable and GetPartitions through the Glue HTTP API under concurrent clients on loopback:
//   npm run bench api [-- --clients 50 --seconds 10 --policy-statements 50]
// The key has AdministratorAccess (one statement), or with --policy-statements N an inline policy of
// N statements that every request is evaluated against in full (N-1 that do not match, one that does).
// The server runs as `sluice server` in its own process, over SQLite, verifying SigV4 against a
// configured key, as it would be deployed. The clients are keep-alive connections in this process,
// each sending its next request as soon as its previous answer arrives (a closed loop), so req/s is
// what the server sustains at that concurrency. Requests are signed once up front: a signature stays
// valid for 15 minutes and the server verifies it in full on every request.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initProject } from '../src/config/project.js';
import { signRequest } from '../src/security/sigv4.js';

const KEY = { accessKeyId: 'AKIASLUICEBENCH00001', secretAccessKey: 'bench-secret' };
const SLUICE = fileURLToPath(new URL('../bin/sluice.js', import.meta.url));

interface Server {
  url: string;
  stop(): Promise<void>;
}

/** N statements: N-2 allows of other databases' tables (with a condition), a deny that never matches, and the allow. */
function policyOf(statements: number): string {
  if (statements <= 1) return 'AdministratorAccess';
  const other = Array.from({ length: statements - 2 }, (_, i) => ({
    Sid: `Other${i}`,
    Effect: 'Allow',
    Action: ['glue:Get*', 'glue:BatchGet*'],
    Resource: [`arn:aws:glue:*:*:table/team_${i}/*`, `arn:aws:glue:*:*:database/team_${i}`],
    Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } },
  }));
  const doc = {
    Version: '2012-10-17',
    Statement: [
      ...other,
      { Sid: 'NoDrops', Effect: 'Deny', Action: 'glue:Delete*', Resource: 'arn:aws:glue:*:*:database/prod*' },
      { Sid: 'Bench', Effect: 'Allow', Action: 'glue:*', Resource: '*' },
    ],
  };
  return JSON.stringify(doc);
}

async function startSluiceServer(policyStatements: number): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-api-'));
  initProject(dir);
  appendFileSync(
    join(dir, 'sluice.yaml'),
    `security:\n  storage: { allow: ['s3://lake/'] }\n  accessKeys:\n    - id: ${KEY.accessKeyId}\n      secret: { env: SLUICE_BENCH_SECRET }\n      policies: [${policyOf(policyStatements)}]\n`,
  );
  const child = spawn(process.execPath, [SLUICE, 'server', '--port', '0'], {
    cwd: dir,
    env: { ...process.env, SLUICE_BENCH_SECRET: KEY.secretAccessKey },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.on('exit', (code) => reject(new Error(`sluice server exited with ${code}:\n${out}`)));
  });
  return {
    url,
    stop: async () => {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Prepared {
  headers: Record<string, string>;
  body: Buffer;
}

function prepare(url: string, operation: string, input: unknown): Prepared {
  const body = Buffer.from(JSON.stringify(input));
  const base = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSGlue.${operation}` };
  return { headers: signRequest({ method: 'POST', url: new URL(`${url}/`), headers: base, body }, KEY, 'us-east-1'), body };
}

function send(agent: http.Agent, url: URL, req: Prepared): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const r = http.request(
      url,
      { method: 'POST', agent, headers: { ...req.headers, 'content-length': String(req.body.length) } },
      (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });
}

interface Result {
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
  bytes: number;
}

async function load(url: string, req: Prepared, clients: number, seconds: number): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const target = new URL(`${url}/`);
  const result: Result = { requests: 0, errors: 0, seconds, latencies: [], bytes: 0 };
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const res = await send(agent, target, req);
        result.latencies.push(performance.now() - t);
        result.requests++;
        result.bytes = res.bytes;
        if (res.status !== 200) result.errors++;
      }
    }),
  );
  result.seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return result;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

export default async function run(args: string[] = []): Promise<void> {
  const clients = flag(args, 'clients', 50);
  const seconds = flag(args, 'seconds', 10);
  const policyStatements = flag(args, 'policy-statements', 1);
  const server = await startSluiceServer(policyStatements);
  try {
    const call = async (op: string, input: unknown) => {
      const res = await send(new http.Agent(), new URL(`${server.url}/`), prepare(server.url, op, input));
      if (res.status !== 200) throw new Error(`${op} answered ${res.status}`);
    };
    const columns = Array.from({ length: 20 }, (_, i) => ({ Name: `col_${i}`, Type: i % 3 ? 'string' : 'bigint', Comment: `column ${i}` }));
    const sd = (location: string) => ({
      Columns: columns,
      Location: location,
      InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
    });
    await call('CreateDatabase', { DatabaseInput: { Name: 'bench' } });
    await call('CreateTable', {
      DatabaseName: 'bench',
      TableInput: {
        Name: 'events',
        StorageDescriptor: sd('s3://lake/events/'),
        PartitionKeys: [
          { Name: 'dt', Type: 'string' },
          { Name: 'hour', Type: 'int' },
        ],
        Parameters: { classification: 'parquet' },
      },
    });
    const day = (d: number) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
    for (let d = 0; d < 42; d++) {
      const PartitionInputList = Array.from({ length: 24 }, (_, h) => ({
        Values: [day(d), String(h)],
        StorageDescriptor: sd(`s3://lake/events/dt=${day(d)}/hour=${h}/`),
      }));
      await call('BatchCreatePartition', { DatabaseName: 'bench', TableName: 'events', PartitionInputList });
    }
    const scenarios: [string, Prepared][] = [
      ['GetTable', prepare(server.url, 'GetTable', { DatabaseName: 'bench', Name: 'events' })],
      [
        'GetPartitions',
        prepare(server.url, 'GetPartitions', { DatabaseName: 'bench', TableName: 'events', Expression: `dt = '${day(20)}'` }),
      ],
    ];
    console.log(
      `sluice server over SQLite with SigV4 verified; a policy of ${policyStatements} statement${policyStatements > 1 ? 's' : ''}; 1,008 partitions; ${clients} concurrent clients on loopback, ${seconds} s per operation after a 2 s warm-up`,
    );
    console.log(
      `${'operation'.padEnd(40)} ${'requests'.padStart(9)} ${'req/s'.padStart(7)} ${'p50'.padStart(8)} ${'p90'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)} ${'response'.padStart(9)}`,
    );
    for (const [name, req] of scenarios) {
      await load(server.url, req, clients, 2);
      const r = await load(server.url, req, clients, seconds);
      if (r.errors) throw new Error(`${name}: ${r.errors} of ${r.requests} requests failed`);
      const sorted = r.latencies.sort((a, b) => a - b);
      const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(8);
      const label = name === 'GetPartitions' ? "GetPartitions (dt = '…', 24 partitions)" : 'GetTable (20 columns)';
      console.log(
        `${label.padEnd(40)} ${String(r.requests).padStart(9)} ${String(Math.round(r.requests / r.seconds)).padStart(7)} ${ms(pct(sorted, 50))} ${ms(pct(sorted, 90))} ${ms(pct(sorted, 99))} ${ms(sorted[sorted.length - 1])} ${`${(r.bytes / 1024).toFixed(1)} kB`.padStart(9)}`,
      );
    }
  } finally {
    await server.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run(process.argv.slice(2));
