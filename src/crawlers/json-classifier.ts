// JSON classification: NDJSON, concatenated objects, or a top-level array of objects. Column names
// are lower-cased (nested field names keep their case) and the SerDe's `paths` keeps the original
// spelling; integers that fit 32 bits are int, larger ones bigint, fractions double.
//
// Beyond Glue: a file holding one top-level array of objects is read as one record per element (what
// `$[*]` does in Glue), not as a single array column — that is what anyone crawling it expects.
import { collectValues, noMatch, TEXT_INPUT, TEXT_OUTPUT, type FileSchema, type Verdict } from './file-schema.js';
import { mergeFields, mergeTypes, NULL, prim, type GlueType } from './glue-type.js';
import { splitJson } from './json-values.js';
import { selectPath, type PathStep } from './json-path.js';
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

function parseAll(texts: string[]): { docs: unknown[]; bad: number } {
  const docs: unknown[] = [];
  let bad = 0;
  for (const t of texts) {
    try {
      docs.push(JSON.parse(t));
    } catch {
      bad++;
    }
  }
  return { docs, bad };
}

/** The schema of records: objects become columns; anything else is one column named `record`. */
function recordsSchema(records: unknown[], sample: TextSample, consumed: number, complete: boolean): FileSchema | undefined {
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
      parameters: {},
      compatKey: 'json',
    },
    compression: sample.compression,
    columns: fields.map(([name, type]) => ({ name: name.toLowerCase(), type })),
    records: complete
      ? records.length
      : Math.max(records.length, Math.round((records.length * sample.text.length) / Math.max(1, consumed))),
    sampleBytes: consumed,
    complete,
    values,
  };
}

export function classifyJson(sample: TextSample): Verdict {
  const first = sample.text.trimStart()[0];
  if (first !== '{' && first !== '[') return noMatch();
  const split = splitJson(sample.text, sample.complete);
  const { docs, bad } = parseAll(split.values);
  const broken = bad + (split.truncated ? 1 : 0);
  if (!docs.length || broken > Math.max(0, Math.floor(split.values.length / 100))) return noMatch('not JSON: records do not parse');
  if (!docs.every((d) => d !== null && typeof d === 'object' && !Array.isArray(d)))
    return noMatch('not JSON records: top-level values are not objects');
  const schema = recordsSchema(docs, sample, split.consumed, sample.complete);
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
  if (split.array && elementsOnly) records = parseAll(split.values).docs;
  else {
    // Other paths need whole documents: a top-level array is one document, the entire file.
    const { docs } = parseAll(split.array ? [sample.text] : split.values);
    if (!docs.length) return noMatch('the JSON document does not parse (or is larger than the sample)');
    records = docs.flatMap((d) => selectPath(d, steps));
    if (split.array) consumed = sample.text.length;
  }
  const schema = recordsSchema(records, sample, consumed, sample.complete);
  return schema ? { certainty: 1, schema } : noMatch('the JsonPath selects nothing');
}
