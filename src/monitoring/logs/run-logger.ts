// The structured run log every run kind can use: JSON lines with time, level, msg and the run's
// identity, written through pino synchronously, so a line is on disk before the run moves on and a
// run killed right after still leaves it. Several processes append to one file (a job's supervisor
// and executor): each line is one O_APPEND write, so lines never interleave.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pino from 'pino';
import { runLogFile } from './log-files.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface RunLogger {
  readonly file: string;
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Closes the file; later calls are dropped. */
  close(): void;
}

/** Opens (creating) the log of run `runId` of `kind` ('job', 'crawl', 'workflow', 'dq-evaluation' …). */
export function openRunLog(root: string, kind: string, runId: string, bindings: Record<string, unknown> = {}): RunLogger {
  const file = runLogFile(root, kind, runId);
  const dest = pino.destination({ dest: file, sync: true, append: true, mkdir: true });
  const logger = pino(
    {
      level: 'debug',
      base: { runId, kind, pid: process.pid, ...bindings },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    dest,
  );
  let open = true;
  const write =
    (level: LogLevel) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (open) logger[level](fields, msg);
    };
  return {
    file,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    close() {
      if (!open) return;
      open = false;
      dest.flushSync();
      dest.end();
    },
  };
}

/** Appends one line without keeping a file open: for a single note from outside the run (an alarm). */
export function appendRunLogLine(
  root: string,
  kind: string,
  runId: string,
  level: LogLevel,
  msg: string,
  fields: Record<string, unknown> = {},
): void {
  const file = runLogFile(root, kind, runId);
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify({ level, time: new Date().toISOString(), runId, kind, pid: process.pid, ...fields, msg })}\n`);
}
