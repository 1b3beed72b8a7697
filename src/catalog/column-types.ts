// Glue (Hive) column types as DuckDB types, for views over catalog tables: 'array<struct<a:int>>'
// becomes 'STRUCT("a" INTEGER)[]'. A type DuckDB has no match for is read as text.

const SIMPLE: Record<string, string> = {
  string: 'VARCHAR',
  varchar: 'VARCHAR',
  char: 'VARCHAR',
  boolean: 'BOOLEAN',
  tinyint: 'TINYINT',
  smallint: 'SMALLINT',
  int: 'INTEGER',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  long: 'BIGINT',
  float: 'FLOAT',
  real: 'FLOAT',
  double: 'DOUBLE',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  binary: 'BLOB',
  // Hive's decimal without precision is decimal(10,0).
  decimal: 'DECIMAL(10,0)',
};

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function duckdbType(glueType: string | undefined): string {
  if (!glueType) return 'VARCHAR';
  const t = glueType.trim();
  const lower = t.toLowerCase();
  const inner = (open: string) => t.slice(open.length, -1);
  if (lower.startsWith('array<') && lower.endsWith('>')) return `${duckdbType(inner('array<'))}[]`;
  if (lower.startsWith('map<') && lower.endsWith('>')) {
    const [k, v] = splitTopLevel(inner('map<'));
    return `MAP(${duckdbType(k)}, ${duckdbType(v)})`;
  }
  if (lower.startsWith('struct<') && lower.endsWith('>')) {
    const fields = splitTopLevel(inner('struct<')).map((f) => {
      const colon = f.indexOf(':');
      return `${quote(f.slice(0, colon).trim())} ${duckdbType(f.slice(colon + 1))}`;
    });
    return `STRUCT(${fields.join(', ')})`;
  }
  const decimal = /^decimal\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$/.exec(lower);
  if (decimal) return `DECIMAL(${decimal[1]},${decimal[2] ?? 0})`;
  return SIMPLE[lower.replace(/\s*\(.*$/, '')] ?? 'VARCHAR';
}

/** Splits 'a:int,b:map<string,int>' at the commas that are not inside <…>. */
function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '<' || s[i] === '(') depth++;
    else if (s[i] === '>' || s[i] === ')') depth--;
    else if (s[i] === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts.map((p) => p.trim());
}
