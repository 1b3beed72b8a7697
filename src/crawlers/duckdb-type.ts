// DuckDB's type names (as DESCRIBE prints them for a Parquet file) in Glue's spelling:
// BIGINT → bigint, DECIMAL(10,2) → decimal(10,2), STRUCT(a INTEGER) → struct<a:int>, VARCHAR[] → array<string>.
import { mergeTypes, NULL, prim, STRING, type GlueType } from './glue-type.js';

const SIMPLE: Record<string, string> = {
  BOOLEAN: 'boolean',
  TINYINT: 'tinyint',
  SMALLINT: 'smallint',
  INTEGER: 'int',
  BIGINT: 'bigint',
  UTINYINT: 'smallint',
  USMALLINT: 'int',
  UINTEGER: 'bigint',
  UBIGINT: 'decimal(20,0)',
  HUGEINT: 'decimal(38,0)',
  UHUGEINT: 'decimal(38,0)',
  FLOAT: 'float',
  DOUBLE: 'double',
  VARCHAR: 'string',
  BLOB: 'binary',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
  TIMESTAMP_S: 'timestamp',
  TIMESTAMP_MS: 'timestamp',
  TIMESTAMP_NS: 'timestamp',
  'TIMESTAMP WITH TIME ZONE': 'timestamp',
  UUID: 'string',
  TIME: 'string',
  'TIME WITH TIME ZONE': 'string',
  INTERVAL: 'string',
  BIT: 'binary',
  JSON: 'string',
};

export function duckdbToGlue(text: string): GlueType {
  let i = 0;
  const ws = () => {
    while (text[i] === ' ') i++;
  };
  const ident = (): string => {
    ws();
    if (text[i] === '"') {
      let out = '';
      for (i++; i < text.length; i++) {
        if (text[i] === '"' && text[i + 1] === '"') {
          out += '"';
          i++;
        } else if (text[i] === '"') break;
        else out += text[i];
      }
      i++;
      return out;
    }
    const m = /^[^\s,()[\]]+/.exec(text.slice(i))!;
    i += m[0].length;
    return m[0];
  };
  const list = <T>(item: () => T): T[] => {
    const out: T[] = [];
    i++; // (
    for (ws(); text[i] !== ')' && i < text.length; ws()) {
      out.push(item());
      ws();
      if (text[i] === ',') i++;
    }
    i++; // )
    return out;
  };
  const type = (): GlueType => {
    ws();
    const start = i;
    const word = ident().toUpperCase();
    let t: GlueType;
    if (word === 'STRUCT' && text[i] === '(') t = { kind: 'struct', fields: list(() => [ident(), type()] as [string, GlueType]) };
    else if (word === 'MAP' && text[i] === '(') {
      const [key, value] = list(type);
      t = { kind: 'map', key: key ?? STRING, value: value ?? STRING };
    } else if (word === 'UNION' && text[i] === '(') t = list(() => (ident(), type())).reduce(mergeTypes, NULL);
    else if ((word === 'DECIMAL' || word === 'NUMERIC') && text[i] === '(') {
      const [p, s] = list(ident);
      t = prim(`decimal(${p},${s ?? 0})`);
    } else {
      // Multi-word names: TIMESTAMP WITH TIME ZONE, TIME WITH TIME ZONE.
      const rest = /^( WITH TIME ZONE)/i.exec(text.slice(i));
      if (rest) i += rest[0].length;
      const name = text.slice(start, i).trim().toUpperCase();
      t = prim(SIMPLE[name] ?? (/^ENUM\(/.test(name) ? 'string' : name.toLowerCase()));
      if (/^ENUM$/i.test(word) && text[i] === '(') {
        list(ident);
        t = STRING;
      }
    }
    while (text[i] === '[') {
      i = text.indexOf(']', i) + 1;
      t = { kind: 'array', element: t };
    }
    return t;
  };
  return type();
}
