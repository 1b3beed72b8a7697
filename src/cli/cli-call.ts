// One way for a task command to reach the operations: the project in this folder (embedded), or a
// running server with --endpoint-url (credentials from AWS_* variables, as `sluice glue` takes them).
import { callRemote } from '../api/http/client.js';
import type { GlueCall } from '../workflows/glue-call.js';
import { splitRemoteOptions } from './remote-options.js';

export interface CliCall {
  call: GlueCall;
  close(): Promise<void>;
}

export async function openCall(endpointUrl?: string): Promise<CliCall> {
  if (endpointUrl) {
    const { remote } = splitRemoteOptions(['--endpoint-url', endpointUrl]);
    return { call: (op, input) => callRemote(op, input, remote!) as Promise<any>, close: async () => {} };
  }
  const { openSluice } = await import('../config/compose.js');
  const sluice = await openSluice();
  return { call: (op, input) => sluice.call(op, input), close: () => sluice.close() };
}

/** Rows as aligned columns under a header, for people; --json is for programs. */
export function formatColumns(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (c ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/** 0.8 s, 12 s, 3 min 5 s, 2 h 10 min. */
export function formatDuration(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/** 2024-03-04 10:15:02 (UTC), from ISO text or a Date. */
export const formatTime = (t: string | Date | undefined) => (t ? new Date(t).toISOString().replace('T', ' ').slice(0, 19) : '');
