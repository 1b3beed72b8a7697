// What a source does with bad input before DuckDB sees it (src/jobs/README.md, "Bad input"): its
// record mode, and a look at every file it is about to read (engine/inspect-file.ts). A file that
// cannot be read at all fails the run naming it, or, when the job gives a bad-records path (Glue's
// badRecordsPath, Spark's ignoreCorruptFiles), is copied there with its reason (committed with the
// run's output) while the other files are read. Empty files contribute no rows and are not opened.
// Newline-delimited JSON lines that do not parse are taken out here (read_json's ignore_errors turns
// a broken line into a row of NULLs), and DuckDB reads a copy of the file without them.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { invalidInput } from '../../kernel/errors.js';
import { decodeFile, isDecoded, placeOf, type DecodedFormat } from '../../engine/decode-file.js';
import { codecOf, decompressed, withoutCodecSuffix } from '../../engine/decompress.js';
import { inspectFile, type BadLine } from '../../engine/inspect-file.js';
import type { ColumnInfo, FileFormat, RecordMode } from '../../engine/query-engine.js';
import type { RunSession } from '../runtime/run-session.js';
import { probeFiles } from '../runtime/probe-files.js';
import type { ListedFile } from './list-files.js';

export const RECORD_MODES: RecordMode[] = ['PERMISSIVE', 'DROPMALFORMED', 'FAILFAST'];
/** The jobs' default: a bad record is quarantined with its file, line and reason, and the run goes on. */
export const DEFAULT_RECORD_MODE: RecordMode = 'PERMISSIVE';
/** Source options that are Sluice's, not the DuckDB reader's. */
const OWN_OPTIONS = ['mode', 'badrecordspath', 'ignorecorruptfiles'];
/** Options of the Avro/XML decoders (decode-file.ts), not read_json's. */
export const DECODER_OPTIONS = ['rowtag', 'compression'];
/** DuckDB's default max_line_size; a file with a longer line is read with a larger one. */
const DUCKDB_MAX_LINE = 2_097_152;

export interface ReadPlan {
  mode: RecordMode;
  /** Reader options without Sluice's own. */
  options: Record<string, unknown>;
  /** Where unreadable files go; undefined: such a file fails the run. */
  badFilesTo?: string;
}

export interface CheckedFile {
  file: ListedFile;
  status: 'read' | 'empty' | 'quarantined';
  /** What DuckDB reads: the file itself, or a copy without its bad lines. */
  readPath: string;
  reason?: string;
  /** Newline-delimited JSON: records in the file, and the lines taken out (Avro, XML: records not decoded). */
  records?: number;
  badLines?: BadLine[];
  /** Newline-delimited JSON: every top-level key spelling (json-columns.ts matches columns to them). */
  keys?: string[];
  /** Avro: the writer schema's columns (the file is read as the NDJSON it was decoded into). */
  columns?: ColumnInfo[];
}

export function readPlan(session: RunSession, options: Record<string, unknown> = {}): ReadPlan {
  const own = (name: string) => Object.entries(options).find(([k]) => k.toLowerCase() === name)?.[1];
  const given = own('mode') ?? session.args['--record-mode'] ?? DEFAULT_RECORD_MODE;
  const mode = String(given).toUpperCase() as RecordMode;
  if (!RECORD_MODES.includes(mode)) throw invalidInput(`Record mode ${String(given)} is not one of ${RECORD_MODES.join(', ')}`);
  const path = own('badrecordspath') ?? session.args['--bad-records-path'];
  const ignore = String(own('ignorecorruptfiles') ?? session.args['--ignore-corrupt-files'] ?? 'false') === 'true';
  const badFilesTo =
    path !== undefined
      ? String(path)
      : ignore
        ? join(session.services.config.zones.processed, '_bad_records', session.job.Name!)
        : undefined;
  const reader = Object.fromEntries(Object.entries(options).filter(([k]) => !OWN_OPTIONS.includes(k.toLowerCase())));
  return { mode, options: reader, badFilesTo };
}

/** Inspects the files in turn; throws for the first unreadable one unless the plan moves them aside. */
export async function checkFiles(
  session: RunSession,
  plan: ReadPlan,
  format: FileFormat,
  files: ListedFile[],
  /** Only say what each file is: nothing is set aside, copied or thrown. */
  probe: { dryRun?: boolean } = {},
): Promise<CheckedFile[]> {
  const out: CheckedFile[] = [];
  const opt = (name: string) => Object.entries(plan.options).find(([k]) => k.toLowerCase() === name)?.[1] as string | undefined;
  for (const file of files) {
    const { store, key } = session.services.storage.resolve(file.readPath);
    const local = store.localPath(key);
    if (isDecoded(format)) {
      out.push(await decoded(session, plan, format, file, probe.dryRun === true));
      continue;
    }
    const facts = await inspectFile(local ?? (() => store.read(key)), file.size, {
      format,
      compression: opt('compression'),
      encoding: opt('encoding'),
      path: file.readPath,
    });
    if (facts.empty) out.push({ file, status: 'empty', readPath: file.readPath });
    else if (facts.problem)
      out.push(
        probe.dryRun
          ? { file, status: 'quarantined', readPath: file.readPath, reason: facts.problem }
          : await badFile(session, plan, file, facts.problem),
      );
    else {
      const checked: CheckedFile = {
        file,
        status: 'read',
        readPath: file.readPath,
        records: facts.records,
        badLines: facts.badLines,
        keys: facts.keys,
      };
      if (facts.badLines?.length) {
        const first = facts.badLines[0];
        if (probe.dryRun) {
          out.push(checked);
          continue;
        }
        if (plan.mode === 'FAILFAST')
          throw invalidInput(`${file.path} line ${first.line}: ${first.reason} (record mode FAILFAST; PERMISSIVE quarantines such lines)`);
      }
      // DuckDB has no bzip2 reader: such a file is read from a decompressed copy.
      if (!probe.dryRun && (facts.badLines?.length || codecOf(opt('compression'), file.readPath) === 'bzip2'))
        checked.readPath = await copyWithoutLines(session, file, facts.badLines ?? [], opt('compression'));
      out.push(checked);
      if (facts.longestLine >= Number(opt('max_line_size') ?? DUCKDB_MAX_LINE)) {
        // DuckDB's buffer is 16 lines' worth by default (800 MiB for a 50 MB line, past the job's memory limit).
        plan.options.max_line_size = facts.longestLine + 1024;
        plan.options.buffer_size = Math.max(Number(opt('buffer_size') ?? 0), 2 * (facts.longestLine + 1024));
      }
    }
  }
  if (format === 'parquet' && plan.badFilesTo && !probe.dryRun) {
    // Setting a damaged file aside needs it found before the read: each file is decoded once, alone.
    const bad = await probeFiles(
      session.services,
      'parquet',
      out.filter((c) => c.status === 'read').map((c) => c.readPath),
    );
    for (const [i, c] of out.entries())
      if (bad.has(c.readPath)) out[i] = await badFile(session, plan, c.file, `damaged Parquet file (${bad.get(c.readPath)})`);
  }
  return out;
}

async function badFile(session: RunSession, plan: ReadPlan, file: ListedFile, problem: string): Promise<CheckedFile> {
  if (!plan.badFilesTo)
    throw invalidInput(
      `${file.path}: ${problem}. Nothing was read; give the job --bad-records-path (or the source ignoreCorruptFiles: true) to set such files aside and read the others`,
    );
  // Staged like any output (stage-outputs.ts): the copy appears when, and only if, the run commits.
  const scratch = join(session.scratchRoot, session.nextName('bad'));
  const dir = join(session.services.root, scratch, session.runId);
  await mkdir(dir, { recursive: true });
  const name = basename(file.readPath);
  const { store, key } = session.services.storage.resolve(file.readPath);
  await pipeline(await store.read(key), createWriteStream(join(dir, name)));
  const note = { file: file.path, reason: problem, runId: session.runId, size: file.size, mtime: new Date(file.mtime).toISOString() };
  await writeFile(join(dir, `${name}.reason.json`), `${JSON.stringify(note, null, 2)}\n`);
  session.outputs.push({ scratch, location: plan.badFilesTo, mode: 'append', partitionKeys: [], columns: [], rows: 0, files: [] });
  session.log('warn', 'file set aside', { file: file.path, reason: problem, to: `${plan.badFilesTo}/${session.runId}/${name}` });
  return { file, status: 'quarantined', readPath: file.readPath, reason: problem };
}

/**
 * An Avro or XML file decoded into NDJSON in the run's scratch folder (engine/decode-file.ts): its
 * records that do not decode are bad lines, as NDJSON's are; FAILFAST fails on the first.
 */
async function decoded(
  session: RunSession,
  plan: ReadPlan,
  format: DecodedFormat,
  file: ListedFile,
  dryRun: boolean,
): Promise<CheckedFile> {
  if (file.size === 0) return { file, status: 'empty', readPath: file.readPath };
  const opt = (name: string) => Object.entries(plan.options).find(([k]) => k.toLowerCase() === name)?.[1] as string | undefined;
  const dir = join(session.services.root, session.scratchRoot, session.nextName('decoded'));
  await mkdir(dir, { recursive: true });
  const target = join(dir, `${withoutCodecSuffix(basename(file.readPath))}.ndjson`);
  const { store, key } = session.services.storage.resolve(file.readPath);
  const local = store.localPath(key);
  const got = await decodeFile(local ?? (() => store.read(key)), target, {
    format,
    path: file.readPath,
    size: file.size,
    rowTag: opt('rowtag'),
    compression: opt('compression'),
  });
  if (got.problem)
    return dryRun
      ? { file, status: 'quarantined', readPath: file.readPath, reason: got.problem }
      : badFile(session, plan, file, got.problem);
  if (!got.records) return { file, status: 'empty', readPath: file.readPath };
  const first = got.bad[0];
  if (first && plan.mode === 'FAILFAST' && !dryRun)
    throw invalidInput(`${file.path} ${placeOf(first)}: ${first.reason} (record mode FAILFAST; PERMISSIVE quarantines such records)`);
  return { file, status: 'read', readPath: target, records: got.records, badLines: got.bad, columns: got.columns };
}

/** The file without the given lines, uncompressed, in the run's scratch folder. */
async function copyWithoutLines(session: RunSession, file: ListedFile, bad: BadLine[], compression: string | undefined): Promise<string> {
  const skip = new Set(bad.map((b) => b.line));
  const dir = join(session.services.root, session.scratchRoot, session.nextName('clean'));
  await mkdir(dir, { recursive: true });
  const target = join(dir, withoutCodecSuffix(basename(file.readPath)));
  const { store, key } = session.services.storage.resolve(file.readPath);
  const local = store.localPath(key);
  const raw = local ? createReadStream(local) : await store.read(key);
  const input = decompressed(raw, codecOf(compression, file.readPath));
  const out = createWriteStream(target);
  const write = async (b: Buffer) => {
    if (b.length && !out.write(b)) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  // Lines end at '\n' only, as inspect-file.ts counts them.
  let line = 1;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(10); ; nl = chunk.indexOf(10, start)) {
      const end = nl < 0 ? chunk.length : nl + 1;
      if (!skip.has(line)) await write(chunk.subarray(start, end));
      if (nl < 0) break;
      line++;
      start = end;
    }
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return target;
}
