// Which reader a catalog table needs, from what Glue records about it: Parameters.classification
// (what crawlers set), the SerDe library and its parameters, or the InputFormat.
import { invalidInput } from '../kernel/errors.js';
import type { Table } from '../kernel/glue-types.js';
import type { FileFormat } from '../engine/query-engine.js';

export interface TableFormat {
  format: FileFormat;
  /** Reader options for DuckDB (delim, header, quote, escape, skip). */
  options: Record<string, unknown>;
}

const READABLE = 'csv, tsv, json, parquet, avro or xml';

export function tableFormat(table: Table): TableFormat {
  const sd = table.StorageDescriptor ?? {};
  const params = { ...sd.Parameters, ...table.Parameters };
  const serde = sd.SerdeInfo?.SerializationLibrary ?? '';
  const serdeParams = sd.SerdeInfo?.Parameters ?? {};
  const input = sd.InputFormat ?? '';
  const classification = params.classification?.toLowerCase();
  const name = `${table.DatabaseName}.${table.Name}`;

  if (classification === 'parquet' || /parquet/i.test(serde) || /parquet/i.test(input)) return { format: 'parquet', options: {} };
  // A custom classifier's JsonPath picked the records (Sluice's crawler records it; see json-columns.ts).
  if (classification === 'json' || /json/i.test(serde))
    return { format: 'json', options: params.jsonPath ? { json_path: params.jsonPath } : {} };
  if (classification === 'avro' || /AvroSerDe/i.test(serde) || /AvroContainer/i.test(input)) return { format: 'avro', options: {} };
  // XML rows are the elements the crawler's classifier (or the table's rowTag) names.
  if (classification === 'xml' || /XmlSerDe/i.test(serde) || /XmlInputFormat/i.test(input))
    return { format: 'xml', options: params.rowTag ? { rowTag: params.rowTag } : {} };
  const text = /LazySimpleSerDe|OpenCSVSerde/i.test(serde) || /TextInputFormat/i.test(input);
  if (classification === 'csv' || classification === 'tsv' || (!classification && text)) {
    return { format: 'csv', options: csvOptions(classification, serde, params, serdeParams) };
  }
  if (classification) throw invalidInput(`Table ${name} is stored as ${classification}; sluice can read ${READABLE}`);
  throw invalidInput(`Table ${name} does not say how it is stored: set Parameters.classification (${READABLE}) or its SerDe`);
}

function csvOptions(
  classification: string | undefined,
  serde: string,
  params: Record<string, string>,
  serdeParams: Record<string, string>,
) {
  const fallback = classification === 'tsv' ? '\t' : classification === 'csv' ? ',' : /LazySimpleSerDe/i.test(serde) ? '\u0001' : ',';
  const delim = serdeParams['field.delim'] ?? serdeParams.separatorChar ?? params.delimiter ?? fallback;
  // skip.header.line.count lines precede the data; DuckDB skips all but the last, which it takes as the header.
  const skip = Number(params['skip.header.line.count'] ?? serdeParams['skip.header.line.count'] ?? 0) || 0;
  return {
    delim,
    header: skip > 0,
    skip: skip > 1 ? skip - 1 : undefined,
    quote: serdeParams.quoteChar,
    escape: serdeParams.escapeChar,
  };
}
