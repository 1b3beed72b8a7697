// Whether a run's process still lives. Every run kind records the host and pid that run it; only the
// host that started a process can judge it, so a run from another machine is never declared dead.
import { hostname } from 'node:os';

/** The name this machine records on the runs it starts. */
export const THIS_HOST = hostname();

/** True when a process with this pid exists (EPERM: it exists but belongs to another user). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when host:pid is known to be gone: a process of this host that no longer exists. A process of
 * another host (or of no recorded host) is never known gone here, since only its host can tell.
 */
export const processGone = (host: string | null | undefined, pid: number | null | undefined): boolean =>
  host === THIS_HOST && !!pid && !pidAlive(pid);
