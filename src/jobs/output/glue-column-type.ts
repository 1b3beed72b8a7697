// DuckDB column types as Glue (Hive) types for the tables a job registers: the inverse of
// catalog/column-types.ts, so a table written by a job reads back with the same types.
import { isList, isStruct, listElement, splitTop, structMembers } from '../sdk/transforms/struct-type.js';
const SIMPLE: Record<string, string> = {
  VARCHAR: 'string',
  BOOLEAN: 'boolean',
  TINYINT: 'tinyint',
  SMALLINT: 'smallint',
  INTEGER: 'int',
  BIGINT: 'bigint',
  HUGEINT: 'decimal(38,0)',
  UTINYINT: 'smallint',
  USMALLINT: 'int',
  UINTEGER: 'bigint',
  UBIGINT: 'decimal(20,0)',
  FLOAT: 'float',
  DOUBLE: 'double',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
  'TIMESTAMP WITH TIME ZONE': 'timestamp',
  TIMESTAMP_S: 'timestamp',
  TIMESTAMP_MS: 'timestamp',
  TIMESTAMP_NS: 'timestamp',
  BLOB: 'binary',
  UUID: 'string',
  JSON: 'string',
};

export function glueType(duckType: string): string {
  const t = duckType.trim();
  if (isList(t)) return `array<${glueType(listElement(t))}>`;
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/i.exec(t);
  if (decimal) return `decimal(${decimal[1]},${decimal[2]})`;
  if (isStruct(t))
    return `struct<${structMembers(t)
      .map((m) => `${m.name}:${glueType(m.type)}`)
      .join(',')}>`;
  const map = /^MAP\((.*)\)$/is.exec(t);
  if (map) return `map<${splitTop(map[1]).map(glueType).join(',')}>`;
  return SIMPLE[t.toUpperCase()] ?? 'string';
}
