// Avro object container files: the writer schema is in the header, and becomes the table's
// `avro.schema.literal`. Records are counted from the complete blocks in the sample (avsc decodes
// the block framing; the records themselves are not decoded).
import avro from 'avsc';
import snappy from 'snappyjs';
import { noMatch, type FileSchema, type Verdict } from './file-schema.js';
import { mergeTypes, NULL, prim, STRING, type GlueType } from './glue-type.js';
import type { FileSample } from './file-sample.js';

const MAGIC = Buffer.from('Obj\x01', 'latin1');

export const isAvro = (data: Buffer) => data.subarray(0, 4).equals(MAGIC);

const PRIMS: Record<string, string> = {
  boolean: 'boolean',
  int: 'int',
  long: 'bigint',
  float: 'float',
  double: 'double',
  bytes: 'binary',
  string: 'string',
};

export function avroType(schema: unknown, named = new Map<string, GlueType>()): GlueType {
  if (typeof schema === 'string')
    return schema === 'null' ? NULL : PRIMS[schema] ? prim(PRIMS[schema]) : (named.get(schema.split('.').pop()!) ?? STRING);
  if (Array.isArray(schema)) {
    // Unions: ["null", T] is a nullable T; a union of several types reads as their widest common type.
    return schema.map((s) => avroType(s, named)).reduce(mergeTypes, NULL);
  }
  const s = schema as Record<string, any>;
  switch (s.logicalType) {
    case 'date':
      return prim('date');
    case 'timestamp-millis':
    case 'timestamp-micros':
    case 'local-timestamp-millis':
    case 'local-timestamp-micros':
      return prim('timestamp');
    case 'decimal':
      return prim(`decimal(${s.precision ?? 38},${s.scale ?? 0})`);
    case 'uuid':
      return STRING;
  }
  let t: GlueType;
  switch (s.type) {
    case 'record':
    case 'error':
      // Named after its fields are built: a record referring to itself reads that field as a string.
      t = {
        kind: 'struct',
        fields: (s.fields as { name: string; type: unknown }[]).map((f) => [f.name, avroType(f.type, named)] as [string, GlueType]),
      };
      if (s.name) named.set(String(s.name).split('.').pop()!, t);
      return t;
    case 'enum':
      return STRING;
    case 'fixed':
      return prim('binary');
    case 'array':
      return { kind: 'array', element: avroType(s.items, named) };
    case 'map':
      return { kind: 'map', key: STRING, value: avroType(s.values, named) };
    default:
      return avroType(s.type, named);
  }
}

const codecs = {
  null: (buf: Buffer, cb: (err: Error | null, out?: Buffer) => void) => cb(null, buf),
  deflate: avro.streams.BlockDecoder.defaultCodecs().deflate,
  // Avro's snappy blocks end with a 4-byte CRC of the uncompressed data.
  snappy: (buf: Buffer, cb: (err: Error | null, out?: Buffer) => void) => {
    try {
      cb(null, Buffer.from(snappy.uncompress(buf.subarray(0, buf.length - 4))));
    } catch (e) {
      cb(e as Error);
    }
  },
};

export async function classifyAvro(sample: FileSample): Promise<Verdict> {
  if (!isAvro(sample.data)) return noMatch();
  const decoder = new avro.streams.BlockDecoder({ noDecode: true, codecs });
  let literal: string | undefined;
  let records = 0;
  decoder.on('metadata', (_type: unknown, _codec: string, header: { meta: Record<string, Buffer> }) => {
    literal = header.meta['avro.schema']?.toString('utf8');
  });
  decoder.on('data', () => records++);
  const failure = await new Promise<Error | undefined>((resolve) => {
    decoder.on('end', () => resolve(undefined));
    decoder.on('error', (e: Error) => resolve(e));
    decoder.end(sample.data);
  });
  if (!literal) return noMatch(`not a readable Avro file: ${failure?.message ?? 'no schema in its header'}`);
  let writer: unknown;
  try {
    writer = JSON.parse(literal);
  } catch {
    return noMatch('the Avro header holds a schema that is not JSON');
  }
  const type = avroType(writer);
  if (type.kind !== 'struct') return noMatch('the Avro schema is not a record');
  const schema: FileSchema = {
    format: {
      classification: 'avro',
      inputFormat: 'org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat',
      outputFormat: 'org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat',
      serdeLibrary: 'org.apache.hadoop.hive.serde2.avro.AvroSerDe',
      serdeParameters: { 'avro.schema.literal': literal },
      parameters: { 'avro.schema.literal': literal },
      compatKey: 'avro',
    },
    compression: sample.compression,
    columns: type.fields.map(([name, t]) => ({ name: name.toLowerCase(), type: t })),
    records: sample.complete ? records : Math.round((records * sample.size) / Math.max(1, sample.data.length)),
    sampleBytes: sample.data.length,
    complete: sample.complete,
    values: new Map(),
  };
  return { certainty: 1, schema };
}
