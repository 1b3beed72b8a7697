// Inputs DuckDB cannot read as they are, turned into files it can, in the source's scratch folder:
// Avro and XML files are decoded into NDJSON (decode-file.ts), bzip2-compressed text is inflated
// (DuckDB has gzip and zstd, not bzip2). Here a record that does not decode fails the read in
// FAILFAST (the engine's default), naming the file and the record's place; in the other modes it
// is left out (jobs decode their sources themselves, to quarantine or count such records).
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { invalidInput } from '../kernel/errors.js';
import { decodeFile, isDecoded, placeOf } from './decode-file.js';
import { codecOf, decompressed, withoutCodecSuffix } from './decompress.js';
import type { InputFile } from './input-files.js';
import type { ColumnInfo, FileSource } from './query-engine.js';

const option = (source: FileSource, name: string) =>
  Object.entries(source.options ?? {}).find(([k]) => k.toLowerCase() === name)?.[1] as string | undefined;

export const needsDecoding = (source: FileSource, path: string) =>
  isDecoded(source.format) || codecOf(option(source, 'compression'), path) === 'bzip2';

/** The file, as one DuckDB reads; `columns` collects Avro writer schemas' fields (first spelling wins). */
export async function decodedInput(source: FileSource, file: InputFile, dir: string, columns: ColumnInfo[]): Promise<InputFile> {
  await mkdir(dir, { recursive: true });
  const name = withoutCodecSuffix(basename(file.local));
  if (!isDecoded(source.format)) {
    const target = join(dir, name);
    try {
      await pipeline(decompressed(createReadStream(file.local), 'bzip2'), createWriteStream(target));
    } catch (e) {
      throw invalidInput(`${file.given}: corrupt bzip2 data (${e instanceof Error ? e.message : String(e)}): truncated or damaged`);
    }
    return { ...file, local: target, staged: true };
  }
  const target = join(dir, `${name}.ndjson`);
  const { size } = await stat(file.local);
  const got = await decodeFile(file.local, target, {
    format: source.format,
    path: file.local,
    size,
    rowTag: option(source, 'rowtag'),
    compression: option(source, 'compression'),
    columns: source.columns,
  });
  if (got.problem) throw invalidInput(`${file.given}: ${got.problem}`);
  const first = got.bad[0];
  if (first && (source.mode ?? 'FAILFAST') === 'FAILFAST') throw invalidInput(`${file.given} ${placeOf(first)}: ${first.reason}`);
  for (const c of got.columns ?? []) if (!columns.some((k) => k.name.toLowerCase() === c.name.toLowerCase())) columns.push(c);
  return { ...file, local: target, staged: true };
}

/** The source as DuckDB then reads it: decoded formats as JSON, without the decoders' options. */
export function asRead(source: FileSource, columns: ColumnInfo[]): FileSource {
  // rowTag is the XML decoder's; a compression the files were decoded or inflated from no longer holds.
  const drop = (k: string, v: unknown) =>
    k.toLowerCase() === 'rowtag' || (k.toLowerCase() === 'compression' && (isDecoded(source.format) || /^bz(ip)?2$/i.test(String(v))));
  const options = Object.fromEntries(Object.entries(source.options ?? {}).filter(([k, v]) => !drop(k, v)));
  if (!isDecoded(source.format)) return { ...source, options };
  return { ...source, format: 'json', options, columns: source.columns ?? (columns.length ? columns : undefined) };
}
