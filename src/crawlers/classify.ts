// The classification pipeline: the crawler's custom classifiers in the order it lists them, then the
// built-ins in Glue's order (Avro, ORC, Parquet, JSON, XML, Apache logs, CSV). Certainty 1.0 wins at
// once; built-ins only ever say 1.0 or 0.0; otherwise the most certain custom classifier wins. A file
// nobody recognises is reported as unreadable and never becomes a table.
import type { Classifier } from '../kernel/glue-types.js';
import { classifyAvro } from './avro-classifier.js';
import { BUILTIN_CSV, classifyCsv, type CsvOptions } from './csv-classifier.js';
import { UnreadableFile, type FileSample } from './file-sample.js';
import type { FileSchema, Verdict } from './file-schema.js';
import { BUILTIN_LOGS, classifyGrok, type GrokSpec } from './grok-classifier.js';
import { classifyJson, classifyJsonPath } from './json-classifier.js';
import { parseJsonPath, type PathStep } from './json-path.js';
import { classifyParquet, type ParquetAccess } from './parquet-classifier.js';
import { BUILTIN_TEXT_TYPES } from './text-types.js';
import { textOf, type TextSample } from './text-sample.js';
import { classifyXml } from './xml-classifier.js';

export type CustomSpec =
  | { kind: 'grok'; name: string; grok: GrokSpec }
  | { kind: 'xml'; name: string; classification: string; rowTag?: string }
  | { kind: 'json'; name: string; steps: PathStep[] }
  | { kind: 'csv'; name: string; options: CsvOptions };

export function customSpec(c: Classifier): CustomSpec {
  if (c.GrokClassifier) {
    const g = c.GrokClassifier;
    return {
      kind: 'grok',
      name: g.Name,
      grok: { classification: g.Classification, pattern: g.GrokPattern, customPatterns: g.CustomPatterns },
    };
  }
  if (c.XMLClassifier)
    return { kind: 'xml', name: c.XMLClassifier.Name, classification: c.XMLClassifier.Classification, rowTag: c.XMLClassifier.RowTag };
  if (c.JsonClassifier) return { kind: 'json', name: c.JsonClassifier.Name, steps: parseJsonPath(c.JsonClassifier.JsonPath) };
  const v = c.CsvClassifier!;
  return {
    kind: 'csv',
    name: v.Name,
    options: {
      delimiters: [v.Delimiter ?? ','],
      quote: v.QuoteSymbol ?? '"',
      header: v.ContainsHeader ?? 'UNKNOWN',
      names: v.Header?.length ? v.Header : undefined,
      allowSingleColumn: v.AllowSingleColumn ?? false,
      trim: !v.DisableValueTrimming,
      types: v.CustomDatatypeConfigured && v.CustomDatatypes?.length ? v.CustomDatatypes.map((t) => t.toUpperCase()) : BUILTIN_TEXT_TYPES,
      serde: v.Serde === 'OpenCSVSerDe' ? 'OpenCSVSerDe' : 'LazySimpleSerDe',
    },
  };
}

function runCustom(spec: CustomSpec, text: TextSample | undefined): Verdict {
  if (!text) return { certainty: 0 };
  switch (spec.kind) {
    case 'grok':
      return classifyGrok(text, spec.grok);
    case 'xml':
      return classifyXml(text, spec.rowTag, spec.classification);
    case 'json':
      return classifyJsonPath(text, spec.steps);
    case 'csv':
      return classifyCsv(text, spec.options);
  }
}

const ORC_MAGIC = 'ORC';

export async function classify(sample: FileSample, customs: CustomSpec[], access: ParquetAccess): Promise<FileSchema> {
  if (sample.data.length === 0) throw new UnreadableFile('the file is empty');
  const text = textOf(sample);
  let best: Verdict | undefined;
  const reasons: string[] = [];
  const consider = (v: Verdict, builtin: boolean): FileSchema | undefined => {
    if (v.certainty >= 1 && v.schema) return v.schema;
    if (v.reason) reasons.push(v.reason);
    if (!builtin && v.schema && v.certainty > (best?.certainty ?? 0)) best = v;
    return undefined;
  };
  for (const spec of customs) {
    const won = consider(runCustom(spec, text), false);
    if (won) return won;
  }
  const binary = [() => classifyAvro(sample), () => classifyParquet(sample, access)];
  if (sample.data.subarray(0, 3).toString('latin1') === ORC_MAGIC) {
    throw new UnreadableFile('ORC files are recognised but Sluice cannot read their schema; convert them to Parquet');
  }
  for (const run of binary) {
    const won = consider(await run(), true);
    if (won) return won;
  }
  if (text) {
    const builtins = [
      () => classifyJson(text),
      () => classifyXml(text, undefined),
      ...BUILTIN_LOGS.map((g) => () => ({ ...classifyGrok(text, g), reason: undefined })),
      () => classifyCsv(text, BUILTIN_CSV),
    ];
    for (const run of builtins) {
      const won = consider(run(), true);
      if (won) return won;
    }
  } else reasons.push('binary data of no format Sluice reads');
  if (best?.schema) return best.schema;
  throw new UnreadableFile(`no classifier recognised the file (${reasons[0] ?? 'unknown format'})`);
}
