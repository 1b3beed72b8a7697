// Time travel in `sluice query`, in Athena's (Trino's) syntax:
//   SELECT … FROM db.t FOR VERSION AS OF 4982341928374                 (a snapshot id)
//   SELECT … FROM db.t FOR TIMESTAMP AS OF TIMESTAMP '2024-05-01 10:00:00 UTC'   (or just '…')
// DuckDB cannot parse these clauses, so each becomes a reference to a view of its own,
// db."t@v4982341928374" / db."t@t1714557600000", which query.ts registers for that snapshot.
import { invalidInput } from '../kernel/errors.js';
import type { SnapshotSelector } from '../tables/iceberg/index.js';
import { quoteEnd } from '../engine/sql-text.js';

const CLAUSE = /\bFOR\s+(VERSION|TIMESTAMP|SYSTEM_VERSION|SYSTEM_TIME)\s+AS\s+OF\s+/iy;
const NAME = /(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)/.source;
const BEFORE = new RegExp(`(${NAME})\\s*\\.\\s*(${NAME})\\s*$`);

const unquote = (n: string) => (n.startsWith('"') ? n.slice(1, -1).replaceAll('""', '"') : n);
const quote = (n: string) => `"${n.replaceAll('"', '""')}"`;

/** The SQL with time-travel clauses replaced by view names (unchanged when it has none). */
export function rewriteTimeTravel(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      const end = quoteEnd(sql, i, c);
      out += sql.slice(i, end);
      i = end;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      out += sql.slice(i, end < 0 ? sql.length : end);
      i = end < 0 ? sql.length : end;
      continue;
    }
    CLAUSE.lastIndex = i;
    const m = /[Ff]/.test(c) && /\W/.test(sql[i - 1] ?? ' ') ? CLAUSE.exec(sql) : null;
    if (!m) {
      out += c;
      i++;
      continue;
    }
    const ref = BEFORE.exec(out);
    if (!ref) throw invalidInput(`FOR ${m[1]} AS OF must follow a table named database.table`);
    let j = i + m[0].length;
    let tag: string;
    if (/VERSION/i.test(m[1])) {
      const v = /^\d+/.exec(sql.slice(j));
      if (!v) throw invalidInput(`FOR ${m[1]} AS OF needs a snapshot id`);
      tag = `v${v[0]}`;
      j += v[0].length;
    } else {
      const t = /^(?:TIMESTAMP\s+)?'([^']*)'/i.exec(sql.slice(j));
      if (!t) throw invalidInput(`FOR ${m[1]} AS OF needs a time, e.g. TIMESTAMP '2024-05-01 10:00:00 UTC'`);
      const ms = parseTime(t[1]);
      tag = `t${ms}`;
      j += t[0].length;
    }
    out = `${out.slice(0, ref.index)}${ref[1]}.${quote(`${unquote(ref[2])}@${tag}`)} `;
    i = j;
  }
  return out;
}

/** A view name made by rewriteTimeTravel → the table's name and the snapshot it asks for. */
export function timeTravelOf(name: string): { table: string; snapshot?: SnapshotSelector } {
  const m = /^(.*)@(v(\d+)|t(\d+))$/.exec(name);
  if (!m) return { table: name };
  return { table: m[1], snapshot: m[3] ? { snapshotId: m[3] } : { asOf: Number(m[4]) } };
}

/** '2024-05-01 10:00:00 UTC', '2024-05-01T10:00:00Z', '2024-05-01' (times without a zone are UTC). */
export function parseTime(text: string): number {
  let t = text
    .trim()
    .replace(/\s+UTC$/i, 'Z')
    .replace(' ', 'T');
  if (!/[zZ]|[+-]\d\d:?\d\d$/.test(t) && t.includes('T')) t += 'Z';
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) throw invalidInput(`Cannot read '${text}' as a time`);
  return ms;
}
