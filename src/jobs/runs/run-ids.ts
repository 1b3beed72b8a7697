// Job run ids look like Glue's: 'jr_' and 64 hex digits.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export const newJobRunId = () => `jr_${randomBytes(32).toString('hex')}`;

/** The name this machine records on runs it starts, so only this machine judges whether their processes live. */
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

/** Sends a signal to a run's process group (its supervisor leads one, being detached); false when it is gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}
