// A cluster on this machine for the cluster tests and bench: one project folder whose sluice.yaml
// names a fresh PostgreSQL database (dropped afterwards) and `cluster: { execute: workers }`, and
// `sluice server` / `sluice worker` processes over it. Each process leads its own process group, so
// killing one "machine" kills it and every run it started (their groups are found through ps).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { BIN } from './cli.js';
import { PG_ADMIN_URL } from './backends.js';

export interface ClusterProject {
  dir: string;
  url: string;
  cleanup(): Promise<void>;
}

export async function createClusterProject(o: { execute?: 'workers' | 'server'; extraYaml?: string } = {}): Promise<ClusterProject> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-cluster-'));
  const name = `sluice_cluster_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  writeFileSync(
    join(dir, 'sluice.yaml'),
    [
      'version: 1',
      'name: cluster-test',
      `metadata: { kind: postgres, url: "${url.toString()}" }`,
      `cluster: { execute: ${o.execute ?? 'workers'}, heartbeatMs: 500, deadAfterMs: 5000 }`,
      // graceMs is schedule time (the test clock runs fast): a slot noticed after a takeover still fires.
      'scheduler: { tickMs: 250, eventPollMs: 500, graceMs: 900000 }',
      o.extraYaml ?? '',
    ].join('\n'),
  );
  return {
    dir,
    url: url.toString(),
    async cleanup() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Proc {
  child: ChildProcess;
  pid: number;
  out(): string;
  /** Resolves with the first stdout line matching re. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

export function startSluice(dir: string, args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: dir,
    detached: true,
    env: { ...process.env, SLUICE_FROM_SOURCE: '1', TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (d) => (text += d));
  child.stderr!.on('data', (d) => (text += d));
  return {
    child,
    pid: child.pid!,
    out: () => text,
    waitFor: (re, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const check = () => {
          const m = re.exec(text);
          if (m) return resolve(m);
          if (Date.now() > deadline || child.exitCode !== null) return reject(new Error(`no ${re} in:\n${text}`));
          setTimeout(check, 50);
        };
        check();
      }),
  };
}

/** pid and every descendant (detached runs included), read from ps before any is killed. */
export function processTree(pid: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const out = [pid];
  for (let i = 0; i < out.length; i++) for (const [p, pp] of rows) if (pp === out[i] && !out.includes(p)) out.push(p);
  return out;
}

/** What a machine dying does to its processes. */
export function killTree(pid: number, signal: NodeJS.Signals = 'SIGKILL'): number[] {
  const tree = processTree(pid);
  for (const p of tree) {
    try {
      process.kill(p, signal);
    } catch {
      // gone already
    }
  }
  return tree;
}

export async function stopAll(procs: Proc[]): Promise<void> {
  for (const p of procs) if (p.child.exitCode === null) killTree(p.pid, 'SIGKILL');
}
