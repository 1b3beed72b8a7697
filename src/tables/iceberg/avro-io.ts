// Avro object container files in memory, with Avro longs read and written as bigint: snapshot ids
// are random 64-bit numbers, which a JS number would round (avsc's documented LongType.__with).
import avro from 'avsc';

const losslessLong = avro.types.LongType.__with({
  fromBuffer: (buf: Buffer) => buf.readBigInt64LE(),
  toBuffer: (n: bigint | number) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(n));
    return buf;
  },
  fromJSON: (v: unknown) => BigInt(v as number),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === 'bigint' || (typeof n === 'number' && Number.isInteger(n)),
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});

export function avroType(schema: unknown): avro.Type {
  return avro.Type.forSchema(schema as avro.Schema, { registry: { long: losslessLong } as never });
}

/** One container file holding records, with Iceberg's key-value metadata in its header. */
export function encodeContainer(schema: unknown, records: unknown[], metadata: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const meta = Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, Buffer.from(v)]));
    const encoder = new avro.streams.BlockEncoder(avroType(schema), { metadata: meta, codec: 'deflate' } as never);
    // avsc writes the header from the type, which drops fields' attributes ("field-id", which
    // Iceberg readers resolve by); given the schema instead it would build a type without the
    // lossless long. Its header is written at the first record, from _schema when that is set.
    (encoder as unknown as { _schema: unknown })._schema = schema;
    encoder.on('data', (c: Buffer) => chunks.push(c));
    encoder.on('error', reject);
    encoder.on('end', () => resolve(Buffer.concat(chunks)));
    for (const r of records) encoder.write(r);
    encoder.end();
  });
}

/**
 * Decodes a container file with its own writer schema (files from other engines carry fields Sluice
 * does not know), longs as bigint.
 */
export function decodeContainer(buf: Buffer): Promise<{ records: Record<string, unknown>[]; metadata: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const records: Record<string, unknown>[] = [];
    let metadata: Record<string, string> = {};
    const decoder = new avro.streams.BlockDecoder({
      parseHook: (schema: avro.Schema) => avroType(schema),
    } as never);
    decoder.on('metadata', (_type: unknown, _codec: unknown, header: { meta: Record<string, Buffer> }) => {
      metadata = Object.fromEntries(Object.entries(header.meta).map(([k, v]) => [k, v.toString()]));
    });
    decoder.on('data', (r: Record<string, unknown>) => records.push(r));
    decoder.on('error', reject);
    decoder.on('end', () => resolve({ records, metadata }));
    decoder.end(buf);
  });
}
