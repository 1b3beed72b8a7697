// Staging areas are named so that sweep() can tell, without any shared registry, whether the writer
// that made one is gone: creation time, host and pid are encoded in the name.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

const HOST =
  hostname()
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 32) || 'host';

/** Staging whose owner cannot be checked (another host) is kept this long by default. */
export const DEFAULT_SWEEP_AGE_MS = 24 * 60 * 60 * 1000;

export function newStagingId(): string {
  return `${Date.now().toString(36)}.${HOST}.${process.pid}.${randomBytes(6).toString('hex')}`;
}

export interface StagingOwner {
  createdAt: number;
  host: string;
  pid: number;
}

export function parseStagingId(id: string): StagingOwner | undefined {
  const m = /^([0-9a-z]+)\.([a-z0-9-]+)\.(\d+)\.[0-9a-f]+$/.exec(id);
  if (!m) return undefined;
  return { createdAt: parseInt(m[1], 36), host: m[2], pid: Number(m[3]) };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when the staging named id may be removed: its writer (on this host) is dead, or it is older
 * than olderThanMs. Names that do not parse are not ours to judge by owner, only by age (mtimeMs).
 */
export function isAbandoned(id: string, olderThanMs: number, mtimeMs?: number, now = Date.now()): boolean {
  const owner = parseStagingId(id);
  const created = owner?.createdAt ?? mtimeMs ?? now;
  if (now - created >= olderThanMs) return true;
  if (!owner || owner.host !== HOST) return false;
  if (owner.pid === process.pid) return false;
  return !pidAlive(owner.pid);
}
