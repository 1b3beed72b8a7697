// The few DuckDB spellings Sluice's own steps produce, in Spark SQL. User expressions are passed as
// written except for strftime/strptime (DuckDB's C-style date formats have no Spark equivalent under
// the same name); docs/deploy-to-glue.md says that other DuckDB-only functions need rewriting.
const FORMAT: Record<string, string> = {
  Y: 'yyyy',
  y: 'yy',
  m: 'MM',
  d: 'dd',
  H: 'HH',
  I: 'hh',
  M: 'mm',
  S: 'ss',
  f: 'SSSSSS',
  p: 'a',
  b: 'MMM',
  B: 'MMMM',
  a: 'EEE',
  A: 'EEEE',
  j: 'DDD',
  z: 'Z',
  Z: 'z',
};

/** A strptime/strftime format ('%d/%m/%Y %H:%M') as a Java DateTimeFormatter pattern ('dd/MM/yyyy HH:mm'). */
export function javaDateFormat(format: string): string {
  let out = '';
  let literal = '';
  const flush = () => {
    if (literal) out += /^[^A-Za-z']+$/.test(literal) ? literal : `'${literal.replace(/'/g, "''")}'`;
    literal = '';
  };
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '%' && i + 1 < format.length) {
      const f = format[++i];
      if (f === '%') literal += '%';
      else {
        flush();
        out += FORMAT[f] ?? '';
      }
    } else literal += c;
  }
  flush();
  return out;
}

export const sqlString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
export const quoteIdent = (s: string) => `\`${s.replace(/`/g, '``')}\``;

/** strftime(x, 'fmt') → date_format(x, 'javaFmt'); (try_)strptime(x, 'fmt') → to_timestamp(x, 'javaFmt'). */
export function toSparkSql(expr: string): string {
  return expr
    .replace(
      /\bstrftime\s*\(([^,()]+),\s*'([^']*)'\s*\)/gi,
      (_m, x: string, f: string) => `date_format(${x.trim()}, ${sqlString(javaDateFormat(f))})`,
    )
    .replace(
      /\b(?:try_)?strptime\s*\(([^,()]+),\s*'([^']*)'\s*\)/gi,
      (_m, x: string, f: string) => `to_timestamp(${x.trim()}, ${sqlString(javaDateFormat(f))})`,
    );
}

/** A DuckDB type name as Spark's: VARCHAR → string, INTEGER → int … */
export function sparkType(t: string): string {
  const u = t.trim().toUpperCase();
  const simple: Record<string, string> = {
    VARCHAR: 'string',
    TEXT: 'string',
    STRING: 'string',
    INTEGER: 'int',
    INT: 'int',
    BIGINT: 'bigint',
    SMALLINT: 'smallint',
    TINYINT: 'tinyint',
    DOUBLE: 'double',
    FLOAT: 'float',
    REAL: 'float',
    BOOLEAN: 'boolean',
    BOOL: 'boolean',
    DATE: 'date',
    TIMESTAMP: 'timestamp',
  };
  return simple[u] ?? t.toLowerCase();
}
