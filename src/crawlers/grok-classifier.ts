// Grok classification, for custom grok classifiers and the built-in Apache log classifiers. Certainty
// is the share of sampled lines the pattern matches: only a pattern matching every line wins outright.
import { collectValues, noMatch, TEXT_INPUT, TEXT_OUTPUT, type FileSchema, type Verdict } from './file-schema.js';
import { prim } from './glue-type.js';
import { compileGrok, matchGrok, type CompiledGrok } from './grok.js';
import { linesOf, type TextSample } from './text-sample.js';

export interface GrokSpec {
  classification: string;
  pattern: string;
  customPatterns?: string;
  compiled?: CompiledGrok;
}

export function classifyGrok(sample: TextSample, spec: GrokSpec): Verdict {
  const grok = (spec.compiled ??= compileGrok(spec.pattern, spec.customPatterns));
  const lines = linesOf(sample);
  if (!lines.length) return noMatch();
  const values = new Map<string, string[]>();
  let matched = 0;
  let bytes = 0;
  for (const line of lines) {
    const m = matchGrok(grok, line);
    if (!m) continue;
    matched++;
    bytes += line.length + 1;
    for (const [k, v] of m) collectValues(values, k.toLowerCase(), v);
  }
  if (!matched) return noMatch(`no line matches the grok pattern of ${spec.classification}`);
  const seen = new Set<string>();
  const columns = grok.fields
    .filter((f) => !seen.has(f.name.toLowerCase()) && seen.add(f.name.toLowerCase()))
    .map((f) => ({ name: f.name.toLowerCase(), type: prim(f.type) }));
  const serdeParameters: Record<string, string> = { 'input.format': spec.pattern };
  if (spec.customPatterns) serdeParameters['input.grokCustomPatterns'] = spec.customPatterns;
  const complete = sample.complete && lines.length < 1000;
  const schema: FileSchema = {
    format: {
      classification: spec.classification,
      inputFormat: TEXT_INPUT,
      outputFormat: TEXT_OUTPUT,
      serdeLibrary: 'com.amazonaws.glue.serde.GrokSerDe',
      serdeParameters,
      parameters: {},
      compatKey: `grok:${spec.pattern}`,
    },
    compression: sample.compression,
    columns,
    records: complete ? matched : Math.round((matched * sample.text.length) / Math.max(1, bytes)),
    sampleBytes: bytes,
    complete,
    values,
  };
  return { certainty: matched / lines.length, schema };
}

export const BUILTIN_LOGS: GrokSpec[] = [
  { classification: 'combined_apache', pattern: '%{COMBINEDAPACHELOG}' },
  { classification: 'apache', pattern: '%{COMMONAPACHELOG}' },
];
