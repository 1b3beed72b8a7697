// `sluice server` keeps one job executor started ahead of need: a `sluice _run job-warm` process
// that has loaded the executor's code, every script runner and DuckDB, and waits for a run id on its
// IPC channel (jobs/runner/warm-executor.ts). A job run is handed to it, and the next one is started
// at once, so the run skips Node's start, module loading and loading DuckDB: about 200 ms of its
// start-up. Other kinds of run, and a job run that comes while no executor is ready, launch as usual.
// An idle executor ends when its launcher closes or its process goes away (the channel closes).
import type { ChildProcess } from 'node:child_process';
import type { Project } from '../config/project.js';
import { spawnWorker, type RunLauncher } from './launcher.js';

export interface WarmLauncher extends RunLauncher {
  /** Resolves once an executor is waiting (or none will be: the launcher was closed, or it died). */
  whenReady(): Promise<void>;
  /** The pid of the executor waiting for the next job run, if one is. */
  readyPid(): number | undefined;
  /** Ends the waiting executor; later launches are cold. */
  close(): void;
}

const RESTART_DELAY_MS = 1000;

interface Waiting {
  child: ChildProcess;
  ready: boolean;
  settled: Promise<void>;
}

export function warmLauncher(project: Project, cold: RunLauncher): WarmLauncher {
  let next: Waiting | undefined;
  let closed = false;
  const start = () => {
    const child = spawnWorker(project, ['job-warm', '-'], 'warm-executor.out', true);
    const waiting: Waiting = { child, ready: false, settled: Promise.resolve() };
    waiting.settled = new Promise<void>((resolve) => {
      child.once('message', () => {
        waiting.ready = true;
        resolve();
      });
      // Died idle (or could not start): the next job run launches cold, and starts a new one.
      child.once('exit', () => {
        if (next === waiting) next = undefined;
        resolve();
      });
      child.once('error', () => resolve());
    });
    // Neither the process nor its channel keeps this one alive.
    child.unref();
    (child.channel as { unref?: () => void } | undefined)?.unref?.();
    next = waiting;
  };
  // The next executor starts a moment after a run was handed over, so that its start-up does not
  // compete for the CPU with the run's (and its supervisor's): measured on two cores, a run read its
  // first row in ~110 ms this way against ~190 ms with both starting at once.
  let pending: { timer: NodeJS.Timeout; started: Promise<void>; done: () => void } | undefined;
  const startLater = () => {
    let done = () => {};
    const started = new Promise<void>((resolve) => (done = resolve));
    const timer = setTimeout(() => {
      pending = undefined;
      if (!closed) start();
      done();
    }, RESTART_DELAY_MS);
    timer.unref();
    pending = { timer, started, done };
  };
  start();
  return {
    launch(kind, id, args = []) {
      const waiting = next;
      if (kind !== 'job' || closed || !waiting?.ready || !waiting.child.connected) {
        if (kind === 'job' && !closed && !next && !pending) start();
        return cold.launch(kind, id, args);
      }
      next = undefined;
      // Once the run is handed over the channel closes: the executor is on its own, like a cold one.
      waiting.child.send({ id, args }, () => waiting.child.disconnect());
      startLater();
      return waiting.child.pid ?? -1;
    },
    async whenReady() {
      if (pending) {
        pending.timer.ref();
        await pending.started;
      }
      const waiting = next;
      if (!waiting) return;
      // The channel is unref'ed: while someone waits on it, it must keep this process alive.
      const channel = waiting.child.channel as { ref?: () => void; unref?: () => void } | undefined;
      channel?.ref?.();
      await waiting.settled;
      channel?.unref?.();
    },
    readyPid: () => (next?.ready ? next.child.pid : undefined),
    close() {
      closed = true;
      if (pending) {
        clearTimeout(pending.timer);
        pending.done();
        pending = undefined;
      }
      next?.child.kill();
      next = undefined;
    },
  };
}
