// The server's scheduler and executor log one JSON line per event on stdout (slot fired or skipped,
// files arrived, run started or ended), so what happened while nobody watched can be read back.
import type { ExecEnv } from '../executor/env.js';

export function jsonLineLog(write: (line: string) => void = (l) => process.stdout.write(l)): ExecEnv['log'] {
  return (level, msg, extra = {}) => write(`${JSON.stringify({ ts: new Date().toISOString(), level, msg, ...extra })}\n`);
}
