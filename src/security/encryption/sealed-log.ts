// Run log lines sealed under a CloudWatchEncryption key: the line keeps its time in the clear (so
// logs can still be followed and ordered) and carries everything else as sealed text.
import type { KeyRing } from '../kms/key-ring.js';
import { isSealedText, openText, sealText } from './sealed-text.js';

export function sealLogEntry(ring: KeyRing, key: string, entry: Record<string, unknown>): Record<string, unknown> {
  return { sealed: sealText(ring, key, JSON.stringify(entry)) };
}

/** Opens a sealed log line into the line it was; other lines are returned as they are. */
export function openLogLine(ring: () => KeyRing, what: string): (line: string) => string {
  return (line) => {
    if (!line.includes('"sealed":"sluice-sealed:')) return line;
    const o = JSON.parse(line) as Record<string, unknown>;
    if (typeof o.sealed !== 'string' || !isSealedText(o.sealed)) return line;
    const { sealed, ...rest } = o;
    return JSON.stringify({ ...rest, ...JSON.parse(openText(ring(), sealed, what)) });
  };
}
