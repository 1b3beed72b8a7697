// JSON classification: NDJSON, concatenated objects, or a top-level array of objects. Column names
// are lower-cased (nested field names keep their case) and the SerDe's `paths` keeps the original
// spelling; integers that fit 32 bits are int, larger ones bigint, fractions double.
//
// Beyond Glue: a file holding one top-level array of objects is read as one record per element (what
// `$[*]` does in Glue), not as a single array column — that is what anyone crawling it expects.
import { collectValues, noMatch, TEXT_INPUT, TEXT_OUTPUT, type FileSchema, type Verdict } from './file-schema.js';
import { mergeFields, mergeTypes, NULL, prim, type GlueType } from './glue-type.js';
import { closeTruncated, lineAt, splitJson, splitLines, type SplitJson } from './json-values.js';
import { duckdbJsonPath, selectPath, type PathStep } from './json-path.js';
import type { TextSample } from './text-sample.js';

const INT32 = 2 ** 31;

export function jsonType(v: unknown): GlueType {
  if (v === null || v === undefined) return NULL;
  switch (typeof v) {
    case 'boolean':
      return prim('boolean');
    case 'number':
      return prim(Number.isInteger(v) ? (v >= -INT32 && v < INT32 ? 'int' : 'bigint') : 'double');
    case 'string':
      return prim('string');
    case 'object':
      if (Array.isArray(v)) return { kind: 'array', element: v.map(jsonType).reduce(mergeTypes, NULL) };
      return { kind: 'struct', fields: Object.entries(v).map(([k, x]) => [k, jsonType(x)] as [string, GlueType]) };
    default:
      return prim('string');
  }
}

interface Parsed {
  docs: unknown[];
  /** Records that do not parse, with where and why (the first few). */
  bad: number;
  firstBad?: string;
}

function parseAll(split: SplitJson, text: string): Parsed {
  const docs: unknown[] = [];
  let bad = 0;
  let firstBad: string | undefined;
  split.values.forEach((t, i) => {
    try {
      docs.push(JSON.parse(t));
    } catch (e) {
      bad++;
      firstBad ??= `line ${lineAt(text, split.offsets[i])}: ${(e as Error).message}`;
    }
  });
  if (split.truncated) {
    bad++;
    firstBad ??= `line ${lineAt(text, split.truncatedAt ?? split.consumed)}: the file ends inside a record`;
  }
  return { docs, bad, firstBad };
}

/**
 * The records of a text that is not one array: values one after another; when some do not parse,
 * line by line instead if that saves more (a damaged NDJSON line then costs that line only).
 */
function parseRecords(sample: TextSample): { split: SplitJson; parsed: Parsed } {
  const split = splitJson(sample.text, sample.complete);
  const parsed = parseAll(split, sample.text);
  if (!parsed.bad || split.array) return { split, parsed };
  const lines = splitLines(sample.text, sample.complete);
  const byLine = parseAll(lines, sample.text);
  return byLine.docs.length > parsed.docs.length ? { split: lines, parsed: byLine } : { split, parsed };
}

/** One document larger than the sample, closed after its last complete member (see closeTruncated). */
function truncatedDocument(sample: TextSample): unknown | undefined {
  if (sample.complete) return undefined;
  const closed = closeTruncated(sample.text.trimStart());
  if (closed === undefined) return undefined;
  try {
    return JSON.parse(closed);
  } catch {
    return undefined;
  }
}

const LARGE_DOCUMENT = 'the JSON document is larger than the sample; its schema is that of its first megabyte';

/** The schema of records: objects become columns; anything else is one column named `record`. */
function recordsSchema(
  records: unknown[],
  sample: TextSample,
  consumed: number,
  complete: boolean,
  problems: string[] = [],
  jsonPath?: string,
): FileSchema | undefined {
  if (!records.length) return undefined;
  const objects = records.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r));
  let fields: [string, GlueType][] = [];
  const values = new Map<string, string[]>();
  const paths = new Set<string>();
  if (objects) {
    for (const r of records as Record<string, unknown>[]) {
      fields = mergeFields(fields, (jsonType(r) as { fields: [string, GlueType][] }).fields);
      for (const [k, v] of Object.entries(r)) {
        paths.add(k);
        if (typeof v === 'string' || typeof v === 'number') collectValues(values, k.toLowerCase(), String(v));
      }
    }
  } else fields = [['record', records.map(jsonType).reduce(mergeTypes, NULL)]];
  return {
    format: {
      classification: 'json',
      inputFormat: TEXT_INPUT,
      outputFormat: TEXT_OUTPUT,
      serdeLibrary: 'org.openx.data.jsonserde.JsonSerDe',
      serdeParameters: objects ? { paths: [...paths].sort().join(',') } : {},
      // Beyond Glue: the path that picked the records, so that queries read the same records.
      parameters: jsonPath ? { jsonPath } : {},
      compatKey: jsonPath ? `json:${jsonPath}` : 'json',
    },
    compression: sample.compression,
    columns: fields.map(([name, type]) => ({ name: name.toLowerCase(), type })),
    records: complete
      ? records.length
      : Math.max(records.length, Math.round((records.length * sample.text.length) / Math.max(1, consumed))),
    sampleBytes: consumed,
    complete,
    values,
    problems: problems.length ? problems : undefined,
  };
}

export function classifyJson(sample: TextSample): Verdict {
  const first = sample.text.trimStart()[0];
  if (first !== '{' && first !== '[') return noMatch();
  const { split, parsed } = parseRecords(sample);
  let { docs } = parsed;
  const problems: string[] = [];
  let consumed = split.consumed;
  if (!docs.length && !parsed.bad) {
    // Nothing complete in the sample: one document bigger than it, read as one record, as Glue does.
    const doc = truncatedDocument(sample);
    if (doc === undefined) return noMatch('not JSON: the first record does not end within the sample');
    docs = [doc];
    consumed = sample.text.length;
    problems.push(LARGE_DOCUMENT);
  }
  // Most records must parse; the ones that do not are reported with the file, not silently dropped.
  if (!docs.length || parsed.bad >= docs.length) return noMatch(`not JSON: records do not parse (${parsed.firstBad ?? 'no record'})`);
  if (parsed.bad) problems.push(`${parsed.bad} of ${parsed.bad + docs.length} records do not parse and were left out (${parsed.firstBad})`);
  if (!docs.every((d) => d !== null && typeof d === 'object' && !Array.isArray(d)))
    return noMatch('not JSON records: top-level values are not objects');
  const schema = recordsSchema(docs, sample, consumed, sample.complete, problems);
  return schema ? { certainty: 1, schema } : noMatch();
}

/** A custom JSON classifier: the records are what JsonPath selects in each document. */
export function classifyJsonPath(sample: TextSample, steps: PathStep[]): Verdict {
  const first = sample.text.trimStart()[0];
  if (first !== '{' && first !== '[') return noMatch();
  // `$[*]` over a big array need not parse the whole file: its elements are split one by one.
  const elementsOnly = steps.length === 1 && steps[0].kind === 'wildcard';
  const split = splitJson(sample.text, sample.complete);
  let records: unknown[];
  let consumed = split.consumed;
  const problems: string[] = [];
  if (split.array && elementsOnly) records = parseAll(split, sample.text).docs;
  else {
    // Other paths need whole documents: a top-level array is one document, the entire file.
    let docs = split.array
      ? parseAll({ ...split, values: [sample.text], offsets: [0] }, sample.text).docs
      : parseRecords(sample).parsed.docs;
    if (split.array) consumed = sample.text.length;
    if (!docs.length) {
      const doc = truncatedDocument(sample);
      if (doc === undefined) return noMatch('the JSON document does not parse');
      docs = [doc];
      consumed = sample.text.length;
      problems.push(LARGE_DOCUMENT);
    }
    records = docs.flatMap((d) => selectPath(d, steps));
  }
  const schema = recordsSchema(records, sample, consumed, sample.complete, problems, duckdbJsonPath(steps));
  return schema ? { certainty: 1, schema } : noMatch('the JsonPath selects nothing');
}
