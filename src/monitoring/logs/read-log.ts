// Reading a run's log back, whichever kind wrote it: pino lines (numeric or named levels, `msg`) and
// the older hand-written ones (`message`) come out as one entry shape. Reading is by byte offset, so
// `sluice logs --follow` and the dashboard ask only for what was appended since their last read,
// and a line still being written is left for the next read.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { findRunLogFile } from './log-files.js';

export const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type EntryLevel = (typeof LEVELS)[number];

export interface LogEntry {
  time: string;
  level: EntryLevel;
  msg: string;
  /** Everything else the line carried (metrics, paths, the error's stack …). */
  fields: Record<string, unknown>;
}

export interface LogPage {
  entries: LogEntry[];
  /** Where the next read starts: pass it back as `offset`. */
  nextOffset: number;
  /** False when the run has written no log (yet). */
  found: boolean;
}

export interface ReadOptions {
  kind?: string;
  /** The least severe level returned (default: every level). */
  level?: EntryLevel;
  offset?: number;
  /** At most this many entries (default 1000); the offset then stops after the last one returned. */
  maxEntries?: number;
  /** Turns a stored line into the line to parse: opens lines sealed under a CloudWatchEncryption key. */
  open?: (line: string) => string;
}

const PINO_LEVELS: Record<number, EntryLevel> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const OMIT = new Set(['time', 'ts', 'level', 'msg', 'message', 'runId', 'kind']);
const CHUNK = 1 << 20;

export function levelOf(v: unknown): EntryLevel {
  if (typeof v === 'number') return PINO_LEVELS[Math.round(v / 10) * 10] ?? (v >= 50 ? 'error' : 'info');
  const s = String(v ?? 'info').toLowerCase();
  if (s === 'warning') return 'warn';
  return (LEVELS as readonly string[]).includes(s) ? (s as EntryLevel) : 'info';
}

export function parseLine(line: string): LogEntry {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    raw = undefined;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { time: '', level: 'info', msg: line, fields: {} };
  const o = raw as Record<string, unknown>;
  const fields = Object.fromEntries(Object.entries(o).filter(([k]) => !OMIT.has(k)));
  const t = o.time ?? o.ts;
  const time = typeof t === 'number' ? new Date(t).toISOString() : String(t ?? '');
  return { time, level: levelOf(o.level), msg: String(o.msg ?? o.message ?? ''), fields };
}

export function readRunLog(root: string, runId: string, o: ReadOptions = {}): LogPage {
  const file = findRunLogFile(root, runId, o.kind);
  const start = Math.max(0, o.offset ?? 0);
  if (!file) return { entries: [], nextOffset: start, found: false };
  const min = LEVELS.indexOf(o.level ?? 'trace');
  const max = o.maxEntries ?? 1000;
  const entries: LogEntry[] = [];
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    let offset = Math.min(start, size);
    let pending = Buffer.alloc(0);
    let pos = offset;
    while (pos < size && entries.length < max) {
      const buf = Buffer.alloc(Math.min(CHUNK, size - pos));
      pos += readSync(fd, buf, 0, buf.length, pos);
      pending = Buffer.concat([pending, buf]);
      let nl: number;
      while (entries.length < max && (nl = pending.indexOf(0x0a)) >= 0) {
        const line = pending.subarray(0, nl).toString('utf8').trim();
        pending = pending.subarray(nl + 1);
        offset += nl + 1;
        if (!line) continue;
        const entry = parseLine(o.open ? o.open(line) : line);
        if (LEVELS.indexOf(entry.level) >= min) entries.push(entry);
      }
    }
    return { entries, nextOffset: offset, found: true };
  } finally {
    closeSync(fd);
  }
}
