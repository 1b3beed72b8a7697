// Iceberg primitive types against Glue's column types and DuckDB's, and the Avro form of a value of
// each type (partition tuples in manifests). Nested types (struct, list, map) are not written yet.
import { invalidInput } from '../../kernel/errors.js';
import type { NestedField, PrimitiveType, Schema } from './types.js';

const FROM_GLUE: Record<string, PrimitiveType> = {
  boolean: 'boolean',
  tinyint: 'int',
  smallint: 'int',
  int: 'int',
  integer: 'int',
  bigint: 'long',
  long: 'long',
  float: 'float',
  real: 'float',
  double: 'double',
  date: 'date',
  timestamp: 'timestamp',
  timestamptz: 'timestamptz',
  string: 'string',
  varchar: 'string',
  char: 'string',
  binary: 'binary',
};

/** A Glue column type as an Iceberg type; InvalidInputException for types Sluice cannot write yet. */
export function icebergType(glueType: string): PrimitiveType {
  const lower = glueType.trim().toLowerCase();
  const decimal = /^decimal\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$/.exec(lower);
  if (decimal) return `decimal(${Number(decimal[1])}, ${Number(decimal[2] ?? 0)})`;
  const t = FROM_GLUE[lower.replace(/\s*\(.*$/, '')];
  if (!t) throw invalidInput(`Iceberg tables cannot hold columns of type ${glueType} yet (primitive types only)`);
  return t;
}

/** How Glue (and Athena) show an Iceberg type in StorageDescriptor.Columns. */
export function glueType(t: PrimitiveType): string {
  if (t.startsWith('decimal')) return t.replace(/\s+/g, '');
  return ({ int: 'int', long: 'bigint', string: 'string', timestamptz: 'timestamp' } as Record<string, string>)[t] ?? t;
}

export function duckdbType(t: PrimitiveType): string {
  const d = decimalOf(t);
  if (d) return `DECIMAL(${d.precision},${d.scale})`;
  const map: Record<string, string> = {
    boolean: 'BOOLEAN',
    int: 'INTEGER',
    long: 'BIGINT',
    float: 'FLOAT',
    double: 'DOUBLE',
    date: 'DATE',
    timestamp: 'TIMESTAMP',
    timestamptz: 'TIMESTAMPTZ',
    string: 'VARCHAR',
    binary: 'BLOB',
  };
  return map[t];
}

export function decimalOf(t: string): { precision: number; scale: number } | undefined {
  const m = /^decimal\((\d+),\s*(\d+)\)$/.exec(t);
  return m ? { precision: Number(m[1]), scale: Number(m[2]) } : undefined;
}

/** Bytes of the fixed Avro type Iceberg stores a decimal of this precision in. */
export function decimalBytes(precision: number): number {
  let n = 1;
  while (2n ** BigInt(8 * n - 1) < 10n ** BigInt(precision)) n++;
  return n;
}

/** The Avro schema of a value of type t (Iceberg's Avro mapping). */
export function avroType(t: PrimitiveType, name: string): unknown {
  const d = decimalOf(t);
  if (d)
    return {
      type: 'fixed',
      name: `decimal_${d.precision}_${d.scale}_${name}`,
      size: decimalBytes(d.precision),
      logicalType: 'decimal',
      ...d,
    };
  switch (t) {
    case 'date':
      return { type: 'int', logicalType: 'date' };
    case 'timestamp':
    case 'timestamptz':
      return { type: 'long', logicalType: 'timestamp-micros', 'adjust-to-utc': t === 'timestamptz' };
    case 'string':
      return 'string';
    case 'binary':
      return 'bytes';
    default:
      return t;
  }
}

/** Columns (name, Glue type) as a schema with ids 1…n. */
export function schemaFromColumns(columns: { Name: string; Type?: string }[], schemaId = 0): Schema {
  const fields: NestedField[] = columns.map((c, i) => ({
    id: i + 1,
    name: c.Name,
    required: false,
    type: icebergType(c.Type ?? 'string'),
  }));
  return { type: 'struct', 'schema-id': schemaId, fields };
}

export function fieldNamed(schema: Schema, name: string): NestedField {
  const f = schema.fields.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!f) throw invalidInput(`No column ${name} in the table's schema (${schema.fields.map((x) => x.name).join(', ')})`);
  return f;
}
