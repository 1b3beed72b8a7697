// Building SQL text safely: every identifier and literal that reaches DuckDB from a path, a catalog
// name or a reader option goes through these, never through string concatenation.

/** A double-quoted identifier: `a"b` becomes `"a""b"`. */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** `schema.view` or `view` as a (possibly qualified) quoted name. */
export function qualifiedName(name: string): { sql: string; schema?: string } {
  const dot = name.indexOf('.');
  if (dot < 0) return { sql: ident(name) };
  const schema = name.slice(0, dot);
  return { sql: `${ident(schema)}.${ident(name.slice(dot + 1))}`, schema };
}

/** A SQL literal for a JS value: strings, numbers, booleans, null, arrays (lists) and objects (structs). */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot write ${value} as a SQL literal`);
    return String(value);
  }
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${literal(k)}: ${literal(v)}`);
    return `{${members.join(', ')}}`;
  }
  throw new TypeError(`cannot write a ${typeof value} as a SQL literal`);
}

/** Named reader arguments: `, header = true, delim = ','`; undefined values are left out. */
export function namedArgs(options: Record<string, unknown>): string {
  return Object.entries(options)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      if (!/^[a-z_][a-z0-9_]*$/i.test(k)) throw new TypeError(`'${k}' is not a reader option name`);
      return `, ${k} = ${literal(v)}`;
    })
    .join('');
}

/** Index just past the quote that closes the one at `start` in SQL text (a doubled quote is an escape). */
export function quoteEnd(sql: string, start: number, q: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === q) {
      if (sql[i + 1] === q) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}
