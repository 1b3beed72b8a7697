// A unit is what one folder contributes to a table: its files of one format. Normally a folder is
// one unit; a folder mixing formats (CSV beside JSON) splits into one unit per format, and those
// can only become tables of their own. Files that were not sampled follow their folder's format.
import type { ListedFile } from './listing.js';
import type { FileSchema } from './file-schema.js';
import { mergeFields, type GlueType } from './glue-type.js';

export interface UnitFile extends ListedFile {
  /**
   * Set for sampled files that classified: their format and record count. Their schemas are merged
   * per folder as they are read, so a crawl of many files holds one schema per folder, not per file.
   */
  signature?: string;
  records?: number;
}

export interface Unit {
  /** The folder, relative to the include path, ending with '/' ('' is the include path). */
  folder: string;
  /** Format identity: what must agree for units to share a table. */
  signature: string;
  schema: FileSchema;
  files: UnitFile[];
  /** Set when a mixed folder was split and this unit is a single file: its relative path. */
  single?: string;
}

export const signatureOf = (s: FileSchema) => `${s.format.classification}|${s.compression}|${s.format.compatKey}`;

/** Columns of several schemas in first-seen order, with types widened where they disagree. */
export function mergeSchemas(schemas: FileSchema[]): FileSchema {
  const [first, ...rest] = schemas;
  let fields: [string, GlueType][] = first.columns.map((c) => [c.name, c.type]);
  const values = new Map(first.values);
  const serdeParameters = { ...first.format.serdeParameters };
  const parameters = { ...first.format.parameters };
  let { records, sampleBytes, complete } = first;
  for (const s of rest) {
    fields = mergeFields(
      fields,
      s.columns.map((c) => [c.name, c.type]),
    );
    for (const [k, v] of s.values) values.set(k, [...(values.get(k) ?? []), ...v].slice(0, 200));
    // JSON's `paths` lists every top-level key any file has; CSV is quoted if any file quotes.
    if (serdeParameters.paths !== undefined && s.format.serdeParameters.paths !== undefined) {
      serdeParameters.paths = [...new Set([...serdeParameters.paths.split(','), ...s.format.serdeParameters.paths.split(',')])]
        .filter(Boolean)
        .sort()
        .join(',');
    }
    if (s.format.parameters.areColumnsQuoted === 'true') parameters.areColumnsQuoted = 'true';
    records += s.records;
    sampleBytes += s.sampleBytes;
    complete &&= s.complete;
  }
  return {
    ...first,
    format: { ...first.format, serdeParameters, parameters },
    columns: fields.map(([name, type]) => ({ name, type })),
    records,
    sampleBytes,
    complete,
    values,
    // A folder's schema; what single files lacked was reported with them.
    problems: undefined,
  };
}

/** The units of one folder's files (all in that folder), given its merged schema per signature. */
export function folderUnits(folder: string, files: UnitFile[], schemas: Map<string, FileSchema>): Unit[] {
  const bySignature = new Map<string, UnitFile[]>();
  for (const f of files) {
    if (!f.signature) continue;
    let list = bySignature.get(f.signature);
    if (!list) bySignature.set(f.signature, (list = []));
    list.push(f);
  }
  if (!bySignature.size) return [];
  const groups = [...bySignature.entries()].sort((a, b) => b[1].length - a[1].length);
  // Unsampled files are taken to be of the folder's most common format.
  groups[0][1].push(...files.filter((f) => !f.signature));
  const mixed = groups.length > 1;
  return groups.map(([signature, members]) => ({
    folder,
    signature,
    schema: schemas.get(signature)!,
    files: members.sort((a, b) => (a.rel < b.rel ? -1 : 1)),
    single: mixed && members.length === 1 ? members[0].rel : undefined,
  }));
}
