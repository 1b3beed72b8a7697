// Job run ids look like Glue's: 'jr_' and 64 hex digits.
import { randomBytes } from 'node:crypto';
export { pidAlive, THIS_HOST } from '../../runs/liveness.js';

export const newJobRunId = () => `jr_${randomBytes(32).toString('hex')}`;

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
