// Join (glue-behaviour.md §5): an equality join on keys1 = keys2. The output keeps the columns of both
// sides; a right-side column whose name is taken on the left is renamed <name>_right. leftsemi and
// leftanti keep only the left side's columns.
import { invalidInput } from '../../../kernel/errors.js';
import type { Frame } from '../frame.js';
import type { JoinType } from '../types.js';
import { ident } from '../sql.js';

const SQL_JOIN: Record<JoinType, string> = {
  equijoin: 'INNER JOIN',
  inner: 'INNER JOIN',
  left: 'LEFT JOIN',
  right: 'RIGHT JOIN',
  outer: 'FULL OUTER JOIN',
  leftsemi: 'SEMI JOIN',
  leftanti: 'ANTI JOIN',
};

export async function join(left: Frame, right: Frame, keys1: string[], keys2: string[], type: JoinType = 'equijoin'): Promise<Frame> {
  if (!SQL_JOIN[type]) throw invalidInput(`Join type ${type} is not one of ${Object.keys(SQL_JOIN).join(', ')}`);
  if (!keys1.length || keys1.length !== keys2.length) throw invalidInput('Join needs as many keys on each side, at least one');
  const l = (await left.schema()).map((c) => c.name);
  const r = (await right.schema()).map((c) => c.name);
  for (const k of keys1) if (!l.includes(k)) throw invalidInput(`Join: the left frame has no field ${k}`);
  for (const k of keys2) if (!r.includes(k)) throw invalidInput(`Join: the right frame has no field ${k}`);
  const on = keys1.map((k, i) => `l.${ident(k)} = r.${ident(keys2[i])}`).join(' AND ');
  const items = l.map((n) => `l.${ident(n)}`);
  if (type !== 'leftsemi' && type !== 'leftanti') {
    for (const n of r) items.push(`r.${ident(n)} AS ${ident(l.includes(n) ? `${n}_right` : n)}`);
  }
  return left.derive(`SELECT ${items.join(', ')} FROM ${left.sqlName} l ${SQL_JOIN[type]} ${right.sqlName} r ON ${on}`);
}
