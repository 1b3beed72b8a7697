// `sluice server --dev --port 0` as a user starts it (its own process, with the scheduler and the
// monitor), for end-to-end tests: the URL it prints once its workflow executor runs too, its output,
// a clean stop, and a crash (SIGKILL).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/sluice.js', import.meta.url));

export interface ServerProcess {
  url: string;
  output(): string;
  stop(): Promise<void>;
  /** Kills it with SIGKILL, as a crash would. */
  kill(): void;
}

export async function startServerProcess(dir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  // The project is the one in dir, whatever this process was started for.
  const { SLUICE_PROJECT_ROOT: _root, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, [BIN, 'server', '--dev', '--port', '0'], {
    cwd: dir,
    env: { ...inherited, SLUICE_FROM_SOURCE: '1', TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sluice server did not start within 30 s:\n${out}`)), 30_000);
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m && out.includes('workflow executor running')) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sluice server exited (${code}):\n${out}`));
    });
  });
  return {
    url,
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
    kill: () => child.kill('SIGKILL'),
  };
}
