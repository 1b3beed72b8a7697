// Ids as Glue shapes them ('wr_' and 64 hex digits for workflow runs), and the identity a process
// holds a run's lease under.
import { randomBytes } from 'node:crypto';
import { pidAlive, processGone, THIS_HOST } from '../../runs/liveness.js';

export { pidAlive, THIS_HOST };

export const newWorkflowRunId = () => `wr_${randomBytes(32).toString('hex')}`;
/** Trigger chains outside workflows are not Glue resources; their ids only need to be unique. */
export const newChainId = () => `tc_${randomBytes(16).toString('hex')}`;

/** This process as a lease owner: host and pid, so a dead owner on this host is recognised at once. */
export const THIS_OWNER = `${THIS_HOST}:${process.pid}`;

/** True when owner (host:pid) is a process on this host that no longer exists. */
export function ownerDead(owner: string | null): boolean {
  if (!owner) return true;
  const i = owner.lastIndexOf(':');
  return processGone(owner.slice(0, i), Number(owner.slice(i + 1)));
}
