// Accounting for what the sources read (src/jobs/README.md, "Bad input"): after the script, the
// malformed records the readers skipped (CSV: DuckDB's rejects tables; NDJSON: the lines
// read-checks.ts took out) go to the quarantine (PERMISSIVE) or are counted as dropped
// (DROPMALFORMED); after the counts, every file gets its line in the run's metrics and log:
// rows read + rows quarantined + rows dropped = rows in the input.
import type { FileFormat, RecordMode, RegisteredSource } from '../../engine/query-engine.js';
import { placeOf } from '../../engine/decode-file.js';
import type { CheckedFile } from '../sdk/read-checks.js';
import { ident, literal } from '../sdk/sql.js';
import type { RunSession } from './run-session.js';

/** One registration of a source's files (a source partitioned by file has one per partition). */
export interface ReadSource {
  /** The source as a person names it: its transformation_ctx, table or paths. */
  label: string;
  /** The registered view (all columns, the file column included). */
  view: string;
  registered: RegisteredSource;
  mode: RecordMode;
  format: FileFormat;
  /** The reader options the files were registered with. */
  options?: Record<string, unknown>;
  files: CheckedFile[];
  /** Column of `view` with the path DuckDB read, when it holds rows of several files. */
  fileColumn?: string;
  /** The source frame's view, whose rows are the rows read (set when the frame is built). */
  frame?: string;
}

export interface FileAccount {
  file: string;
  /** read: its rows were read; empty: no rows; quarantined: unreadable, set aside (reason says why). */
  status: 'read' | 'empty' | 'quarantined';
  reason?: string;
  /** rowsRead + rowsQuarantined + rowsDropped; null when not counted (--count-input-rows false, a set-aside file). */
  rowsInInput: number | null;
  rowsRead: number | null;
  /** Malformed records sent to the quarantine (PERMISSIVE). */
  rowsQuarantined: number;
  /** Malformed records counted and left out (DROPMALFORMED). */
  rowsDropped: number;
}

/** Malformed records per source and file path (ListedFile.path), once collected. */
const malformed = new WeakMap<ReadSource, Map<string, number>>();
const TABLE = 'sluice_malformed_records';

/** Quarantines (PERMISSIVE) or counts (DROPMALFORMED) the records the readers skipped. Before writeQuarantine. */
export async function collectMalformed(session: RunSession): Promise<void> {
  if (!session.readSources.length) return;
  const engine = await session.engine();
  let created = false;
  const table = async () => {
    if (!created)
      await engine.query(
        `CREATE OR REPLACE TEMP TABLE ${TABLE} (_source_file VARCHAR, _line BIGINT, _offset BIGINT, _record VARCHAR, __reason VARCHAR)`,
      );
    created = true;
  };
  for (const rs of session.readSources) {
    const counts = new Map<string, number>();
    malformed.set(rs, counts);
    const add = (file: string, n: number) => counts.set(file, (counts.get(file) ?? 0) + n);
    // NDJSON lines that did not parse (kept out of what DuckDB read).
    for (const f of rs.files) {
      if (!f.badLines?.length) continue;
      add(f.file.path, f.badLines.length);
      if (rs.mode !== 'PERMISSIVE') continue;
      await table();
      for (let i = 0; i < f.badLines.length; i += 500) {
        const rows = f.badLines
          .slice(i, i + 500)
          .map(
            (b) =>
              `(${literal(f.file.path)}, ${b.line || 'NULL'}, ${b.offset ?? 'NULL'}, ${literal(b.text)}, ${literal(`${placeOf(b)}: ${b.reason}`)})`,
          );
        await engine.query(`INSERT INTO ${TABLE} VALUES ${rows.join(', ')}`);
      }
    }
    // CSV records read_csv skipped, from its rejects tables (one set of rows per scan: deduplicated).
    const rejects = await rejectsOf(session, rs);
    if (!rejects) continue;
    for (const r of (await engine.query(`SELECT _source_file AS f, count(*) AS n FROM ${rejects} GROUP BY 1`)).rows)
      add(String(r.f), Number(r.n));
    if (rs.mode === 'PERMISSIVE' && counts.size) {
      await table();
      await engine.query(
        `INSERT INTO ${TABLE} SELECT _source_file, _line, _offset, _record, 'line ' || _line || ': ' || _why FROM ${rejects}`,
      );
    }
  }
  if (created) session.quarantines.push(TABLE);
  for (const rs of session.readSources) {
    for (const [file, n] of malformed.get(rs) ?? []) {
      session.metrics.rowsMalformed += n;
      if (rs.mode === 'DROPMALFORMED') session.metrics.rowsDropped += n;
      session.log('warn', rs.mode === 'PERMISSIVE' ? 'malformed records quarantined' : 'malformed records dropped', {
        source: rs.label,
        file,
        records: n,
        mode: rs.mode,
      });
    }
  }
}

/** A query of the source's rejected records, one row per (file, line), or undefined when there are none to see. */
async function rejectsOf(session: RunSession, rs: ReadSource): Promise<string | undefined> {
  const r = rs.registered.rejects;
  if (!r) return undefined;
  const engine = await session.engine();
  const exists = async () =>
    Number((await engine.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ${literal(r.errors)}`)).rows[0].n) > 0;
  // The tables appear with the first scan; a source the script never read in full is scanned now.
  if (!(await exists())) await engine.query(`SELECT count(*) FROM ${ident(rs.view)}`);
  if (!(await exists())) return undefined;
  const given = Object.entries(rs.registered.files);
  const byRead = new Map(rs.files.map((f) => [f.readPath, f.file.path]));
  const map = given.length
    ? `(VALUES ${given.map(([duck, path]) => `(${literal(duck)}, ${literal(byRead.get(path) ?? path)})`).join(', ')}) AS m(duck, path)`
    : `(SELECT NULL::VARCHAR AS duck, NULL::VARCHAR AS path) AS m`;
  const name = session.nextName('rejects');
  await engine.query(
    `CREATE OR REPLACE TEMP TABLE ${ident(name)} AS
     SELECT coalesce(m.path, s.file_path) AS _source_file, e.line AS _line, min(e.byte_position) AS _offset,
            any_value(e.csv_line) AS _record,
            string_agg(DISTINCT e.error_type || ': ' || e.error_message, '; ') AS _why
     FROM ${ident(r.errors)} e JOIN ${ident(r.scans)} s ON e.scan_id = s.scan_id AND e.file_id = s.file_id
     LEFT JOIN ${map} ON m.duck = s.file_path
     GROUP BY ALL`,
  );
  return ident(name);
}

/** Each file's line in the accounting, into the metrics and the log. After countRows. */
export async function accountFiles(session: RunSession): Promise<void> {
  if (!session.readSources.length) return;
  const engine = await session.engine();
  const scan = session.args['--count-input-rows'] !== 'false';
  const accounts: FileAccount[] = [];
  for (const rs of session.readSources) {
    const read = new Map<string, number>();
    const reading = rs.files.filter((f) => f.status === 'read');
    // One file: its rows are the source's (known from the write, or counted); several: a grouped count.
    const alone = session.readSources.filter((x) => x.frame === rs.frame && x.files.some((f) => f.status === 'read')).length === 1;
    if (reading.length === 1 && alone && rs.frame && session.sourceRows.has(rs.frame)) {
      read.set(reading[0].file.path, session.sourceRows.get(rs.frame)!);
    } else if (rs.fileColumn && scan) {
      const byDuck = new Map(Object.entries(rs.registered.files));
      const byRead = new Map(rs.files.map((f) => [f.readPath, f.file.path]));
      const sql = `SELECT ${ident(rs.fileColumn)} AS f, count(*) AS n FROM ${ident(rs.view)} GROUP BY 1`;
      for (const r of (await engine.query(sql)).rows) {
        const path = byRead.get(byDuck.get(String(r.f)) ?? String(r.f));
        if (path) read.set(path, (read.get(path) ?? 0) + Number(r.n));
      }
    }
    const bad = malformed.get(rs) ?? new Map<string, number>();
    for (const f of rs.files) {
      const n = bad.get(f.file.path) ?? 0;
      const rowsRead =
        f.status === 'read' ? (read.get(f.file.path) ?? (scan && rs.fileColumn ? 0 : null)) : f.status === 'empty' ? 0 : null;
      const account: FileAccount = {
        file: f.file.path,
        status: f.status,
        ...(f.reason ? { reason: f.reason } : {}),
        rowsInInput: rowsRead === null ? null : rowsRead + n,
        rowsRead,
        rowsQuarantined: rs.mode === 'PERMISSIVE' ? n : 0,
        rowsDropped: rs.mode === 'PERMISSIVE' ? 0 : n,
      };
      if (f.records !== undefined && account.rowsInInput !== null && account.rowsInInput !== f.records)
        session.log('warn', 'rows do not add up', { records: f.records, ...account });
      accounts.push(account);
    }
  }
  session.metrics.inputFiles = accounts;
  session.metrics.filesQuarantined = accounts.filter((a) => a.status === 'quarantined').length;
  session.metrics.rowsInInput = session.metrics.rowsRead + session.metrics.rowsMalformed;
  for (const a of accounts) session.log(a.status === 'read' ? 'info' : 'warn', 'input file', { ...a });
}

/** The run's one-line account, for its log and `sluice job run`. */
export function accountSummary(m: RunSession['metrics']): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const parts = [`read ${n(m.rowsRead)} of ${n(m.rowsInInput || m.rowsRead)} rows in the input`];
  if (m.rowsQuarantined) parts.push(`quarantined ${n(m.rowsQuarantined)}`);
  if (m.rowsMalformed) parts.push(`${n(m.rowsMalformed)} malformed`);
  if (m.rowsDropped) parts.push(`dropped ${n(m.rowsDropped)}`);
  if (m.filesQuarantined) parts.push(`${m.filesQuarantined} unreadable file(s) set aside`);
  return parts.join('; ');
}

/** GetJobRun's SluiceInputAccounting: the run's totals and summary line (files: GetJobRunDetails). */
export function inputAccounting(m: RunSession['metrics']) {
  if (!m.inputFiles) return undefined;
  return {
    Summary: accountSummary(m),
    RowsInInput: m.rowsInInput,
    RowsRead: m.rowsRead,
    RowsMalformed: m.rowsMalformed,
    RowsQuarantined: m.rowsQuarantined,
    RowsDropped: m.rowsDropped,
    FilesRead: m.filesRead,
    FilesQuarantined: m.filesQuarantined,
  };
}
