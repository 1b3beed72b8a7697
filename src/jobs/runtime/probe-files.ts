// Finding the file behind a reader error. DuckDB names the file for CSV and JSON parse errors, but
// not for a damaged Parquet page ("Invalid Error: Out of buffer"). Each file is then read alone, in
// an engine of its own, decoding every column: eagerly for Parquet sources that asked for corrupt
// files to be set aside (so that one can be), and after a failed run to name the culprit.
import type { FileFormat } from '../../engine/query-engine.js';
import type { Services } from '../../kernel/services.js';
import type { RunSession } from './run-session.js';

/** Probing stops after this many files (a failed run is not kept waiting by a lake of files). */
const MAX_PROBES = 200;

/** Each file's error when read alone and in full; files that read are left out. */
export async function probeFiles(
  services: Services,
  format: FileFormat,
  files: string[],
  options?: Record<string, unknown>,
): Promise<Map<string, string>> {
  const bad = new Map<string, string>();
  if (!files.length) return bad;
  const engine = await services.openEngine({ sandbox: false });
  try {
    for (const [i, file] of files.slice(0, MAX_PROBES).entries()) {
      try {
        await engine.registerFiles(`probe_${i}`, { format, paths: [file], options, mode: 'FAILFAST' });
        // An aggregate of every column makes DuckDB decode them all (a count alone reads no pages).
        await engine.query(`SELECT max(hash(COLUMNS(*))) FROM probe_${i}`);
      } catch (e) {
        bad.set(file, e instanceof Error ? e.message : String(e));
      }
    }
  } finally {
    await engine.close();
  }
  return bad;
}

/** The failure's message, with the file that fails when read alone when the message names none. */
export async function nameFailingFile(session: RunSession, message: string): Promise<string> {
  const reading = session.readSources.flatMap((rs) => rs.files.filter((f) => f.status === 'read').map((f) => ({ rs, f })));
  if (!reading.length || reading.some(({ f }) => message.includes(f.file.readPath) || message.includes(f.file.path))) return message;
  for (const rs of session.readSources) {
    const format = rs.format;
    const files = rs.files.filter((f) => f.status === 'read');
    const bad = await probeFiles(
      session.services,
      format,
      files.map((f) => f.readPath),
      rs.options,
    ).catch(() => new Map<string, string>());
    const first = files.find((f) => bad.has(f.readPath));
    if (first) return `${message} (reading ${first.file.path} alone fails: ${bad.get(first.readPath)})`;
  }
  return message;
}
