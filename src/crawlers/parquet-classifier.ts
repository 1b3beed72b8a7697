// Parquet: the schema and row count come from the file's footer, read by DuckDB through the query
// engine. Parquet's own page compression is not whole-file compression: compressionType is 'none'.
import type { QueryEngine } from '../engine/query-engine.js';
import { noMatch, type FileSchema, type Verdict } from './file-schema.js';
import { duckdbToGlue } from './duckdb-type.js';
import type { FileSample } from './file-sample.js';

const MAGIC = 'PAR1';

export const isParquet = (data: Buffer) => data.subarray(0, 4).toString('latin1') === MAGIC;

const quote = (path: string) => `'${path.replace(/'/g, "''")}'`;

export interface ParquetAccess {
  /** The file on the local filesystem (S3 objects are downloaded first). */
  localFile(): Promise<string>;
  engine(): Promise<QueryEngine>;
}

export async function classifyParquet(sample: FileSample, access: ParquetAccess): Promise<Verdict> {
  if (sample.compression !== 'none' || !isParquet(sample.data)) return noMatch();
  const path = quote(await access.localFile());
  const engine = await access.engine();
  let described;
  let rows: number;
  try {
    // Hive partitioning off: key=value folders are the crawler's business, not columns of the file.
    described = await engine.query(`DESCRIBE SELECT * FROM read_parquet(${path}, hive_partitioning = false)`);
    const meta = await engine.query(`SELECT num_rows FROM parquet_file_metadata(${path})`);
    rows = Number(meta.rows[0]?.num_rows ?? 0);
  } catch (e) {
    return noMatch(`corrupt Parquet file: ${(e as Error).message.split('\n')[0]}`);
  }
  const schema: FileSchema = {
    format: {
      classification: 'parquet',
      inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      serdeLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
      serdeParameters: { 'serialization.format': '1' },
      parameters: {},
      compatKey: 'parquet',
    },
    compression: 'none',
    columns: described.rows.map((r) => ({ name: String(r.column_name).toLowerCase(), type: duckdbToGlue(String(r.column_type)) })),
    records: rows,
    sampleBytes: sample.size,
    complete: true,
    values: new Map(),
  };
  return { certainty: 1, schema };
}
