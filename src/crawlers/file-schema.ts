// What classifying one file yields: its format (as the table's StorageDescriptor will say it), its
// columns, and the statistics the table parameters are made of.
import type { Compression } from './compression.js';
import type { GlueType } from './glue-type.js';

export const TEXT_INPUT = 'org.apache.hadoop.mapred.TextInputFormat';
export const TEXT_OUTPUT = 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat';

export interface FormatSpec {
  /** The table's `classification`: csv, json, parquet, avro, xml, or a custom classifier's string. */
  classification: string;
  inputFormat: string;
  outputFormat: string;
  serdeLibrary: string;
  serdeParameters: Record<string, string>;
  /** Format-specific table parameters (delimiter, skip.header.line.count, avro.schema.literal …). */
  parameters: Record<string, string>;
  /**
   * What must agree for files to share a table besides classification and compression: the
   * delimiter and header of CSV, the row tag of XML, the pattern of grok.
   */
  compatKey: string;
}

export interface InferredColumn {
  name: string;
  type: GlueType;
}

export interface FileSchema {
  format: FormatSpec;
  compression: Compression;
  columns: InferredColumn[];
  /** Records seen in the sample, and the (decompressed) bytes they took. */
  records: number;
  sampleBytes: number;
  /** The sample was the whole file, so records is exact. */
  complete: boolean;
  /** Sampled text values of top-level columns, for personal-data detection. */
  values: Map<string, string[]>;
  /**
   * What the classifier had to leave out of the sample to classify it (a line that does not parse,
   * a quote that never closes), for the crawl's per-file report.
   */
  problems?: string[];
}

/** What a classifier says about a file: certainty 1 wins outright; 0 is "not mine". */
export interface Verdict {
  certainty: number;
  schema?: FileSchema;
  /** Why a near-miss failed, for the crawl report when no classifier matched. */
  reason?: string;
}

export const noMatch = (reason?: string): Verdict => ({ certainty: 0, reason });

/** How many sampled values of each column are kept for personal-data detection. */
export const VALUE_SAMPLES = 200;

export function collectValues(values: Map<string, string[]>, column: string, value: string): void {
  if (value === '') return;
  let list = values.get(column);
  if (!list) values.set(column, (list = []));
  if (list.length < VALUE_SAMPLES) list.push(value);
}
