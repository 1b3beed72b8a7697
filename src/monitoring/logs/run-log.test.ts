// The run log: pino JSON lines written synchronously by any run kind, read back by offset and level,
// including the lines jobs and crawlers wrote before this logger existed.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRunLog, appendRunLogLine } from './run-logger.js';
import { readRunLog } from './read-log.js';
import { findRunLogFile, runLogFile } from './log-files.js';
import { formatEntry } from './format-entry.js';

const root = mkdtempSync(join(tmpdir(), 'sluice-runlog-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('openRunLog', () => {
  it('writes JSON lines with time, level, message, the run and its fields, readable at once', () => {
    const log = openRunLog(root, 'workflow', 'wr_1', { workflow: 'nightly' });
    log.info('run started', { nodes: 4 });
    log.error('node failed', { node: 'ingest', err: 'boom' });
    log.debug('details');
    log.close();
    log.warn('after close is dropped');
    expect(log.file).toBe(join(root, '.sluice', 'logs', 'workflows', 'wr_1.jsonl'));
    const lines = readFileSync(log.file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({
      level: 'info',
      runId: 'wr_1',
      kind: 'workflow',
      workflow: 'nightly',
      nodes: 4,
      msg: 'run started',
      pid: process.pid,
    });
    expect(new Date(lines[0].time).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const page = readRunLog(root, 'wr_1');
    expect(page.entries.map((e) => [e.level, e.msg])).toEqual([
      ['info', 'run started'],
      ['error', 'node failed'],
      ['debug', 'details'],
    ]);
    expect(page.entries[1].fields).toEqual({ pid: process.pid, workflow: 'nightly', node: 'ingest', err: 'boom' });
  });

  it('filters by least level and reads on from an offset, leaving a half-written line for later', () => {
    const file = runLogFile(root, 'job', 'jr_2');
    appendRunLogLine(root, 'job', 'jr_2', 'info', 'one');
    appendRunLogLine(root, 'job', 'jr_2', 'warn', 'two');
    const first = readRunLog(root, 'jr_2', { kind: 'job' });
    expect(first.entries.map((e) => e.msg)).toEqual(['one', 'two']);
    expect(readRunLog(root, 'jr_2', { level: 'warn' }).entries.map((e) => e.msg)).toEqual(['two']);
    appendFileSync(file, '{"level":"error","msg":"thr');
    const partial = readRunLog(root, 'jr_2', { offset: first.nextOffset });
    expect(partial.entries).toEqual([]);
    expect(partial.nextOffset).toBe(first.nextOffset);
    appendFileSync(file, 'ee"}\n');
    const rest = readRunLog(root, 'jr_2', { offset: first.nextOffset });
    expect(rest.entries.map((e) => [e.level, e.msg])).toEqual([['error', 'three']]);
    expect(readRunLog(root, 'jr_2', { maxEntries: 1 }).entries.map((e) => e.msg)).toEqual(['one']);
  });

  it("reads jobs' and crawlers' own lines (msg or message, named or numeric levels) and lines that are not JSON", () => {
    const crawl = runLogFile(root, 'crawl', 'crawl-3');
    mkdirSync(dirname(crawl), { recursive: true });
    appendFileSync(
      crawl,
      `${JSON.stringify({ time: '2024-03-05T10:00:00.000Z', level: 'warn', message: 'unreadable file a.csv', path: 'a.csv' })}\n`,
    );
    appendFileSync(crawl, `${JSON.stringify({ time: 1709632800000, level: 50, msg: 'pino numeric' })}\n`);
    appendFileSync(crawl, 'Killed\n');
    const page = readRunLog(root, 'crawl-3');
    expect(page.entries).toEqual([
      { time: '2024-03-05T10:00:00.000Z', level: 'warn', msg: 'unreadable file a.csv', fields: { path: 'a.csv' } },
      { time: '2024-03-05T10:00:00.000Z', level: 'error', msg: 'pino numeric', fields: {} },
      { time: '', level: 'info', msg: 'Killed', fields: {} },
    ]);
  });

  it('keeps run ids from naming files outside the logs folder, and reports a missing log', () => {
    expect(runLogFile(root, 'job', '../../etc/passwd')).toBe(join(root, '.sluice', 'logs', 'jobs', '__.._etc_passwd.jsonl'));
    expect(findRunLogFile(root, 'nope')).toBeUndefined();
    expect(readRunLog(root, 'nope', { offset: 7 })).toEqual({ entries: [], nextOffset: 7, found: false });
  });
});

describe('formatEntry', () => {
  it('prints time, level, message and fields, with a stack on its own lines', () => {
    expect(
      formatEntry({
        Time: '2024-03-05T10:00:00.000Z',
        Level: 'error',
        Message: 'script failed',
        Fields: { pid: 1, step: 'load', rows: 3, where: 'a b', stack: 'Error: x\n  at y' },
      }),
    ).toBe('2024-03-05T10:00:00.000Z  ERROR  script failed  step=load  rows=3  where="a b"\n    Error: x\n      at y\n');
  });
});
