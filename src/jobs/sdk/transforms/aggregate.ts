// Aggregate (Glue Studio's AggFunction set), DropDuplicates and Union.
import { invalidInput } from '../../../kernel/errors.js';
import type { Frame } from '../frame.js';
import type { AggFunc } from '../types.js';
import { ident, pathExpr } from '../sql.js';
import { quarantineRows } from './quarantine.js';

const AGG: Record<AggFunc, (c: string) => string> = {
  avg: (c) => `avg(${c})`,
  countDistinct: (c) => `count(DISTINCT ${c})`,
  count: (c) => `count(${c})`,
  first: (c) => `first(${c})`,
  last: (c) => `last(${c})`,
  // Spark's kurtosis and skewness are the population forms.
  kurtosis: (c) => `kurtosis_pop(${c})`,
  skewness: (c) => `skewness(${c})`,
  max: (c) => `max(${c})`,
  min: (c) => `min(${c})`,
  stddev_samp: (c) => `stddev_samp(${c})`,
  stddev_pop: (c) => `stddev_pop(${c})`,
  sum: (c) => `sum(${c})`,
  sumDistinct: (c) => `sum(DISTINCT ${c})`,
  var_samp: (c) => `var_samp(${c})`,
  var_pop: (c) => `var_pop(${c})`,
};

export async function aggregate(frame: Frame, groups: string[], aggs: { column: string; aggFunc: AggFunc; as?: string }[]): Promise<Frame> {
  if (!aggs.length || aggs.length > 30) throw invalidInput('Aggregate takes 1 to 30 aggregations');
  const items = [
    ...groups.map((g) => `${pathExpr(g)} AS ${ident(g)}`),
    ...aggs.map((a) => {
      const f = AGG[a.aggFunc];
      if (!f) throw invalidInput(`Aggregate function ${a.aggFunc} is not one of ${Object.keys(AGG).join(', ')}`);
      return `${f(a.column === '*' ? '*' : pathExpr(a.column))} AS ${ident(a.as ?? `${a.aggFunc}(${a.column})`)}`;
    }),
  ];
  const groupBy = groups.length ? ` GROUP BY ${groups.map(pathExpr).join(', ')}` : '';
  return frame.derive(`SELECT ${items.join(', ')} FROM ${frame.sqlName}${groupBy}`);
}

/**
 * Keeps the first row of each set of duplicates (by orderBy when given). With quarantine, the
 * others go to the quarantine table with the reason 'duplicate', so no row disappears silently.
 */
export async function dropDuplicates(
  frame: Frame,
  columns: string[] | undefined,
  options: { orderBy?: string; quarantine?: boolean },
): Promise<Frame> {
  const names = (await frame.schema()).map((c) => c.name);
  const keys = columns?.length ? columns : names;
  for (const k of keys) if (!names.includes(k)) throw invalidInput(`DropDuplicates: the frame has no field ${k}`);
  const order = options.orderBy ? ` ORDER BY ${options.orderBy}` : '';
  const numbered = await frame.derive(
    `SELECT *, row_number() OVER (PARTITION BY ${keys.map(ident).join(', ')}${order}) AS __dup FROM ${frame.sqlName}`,
    'dedup',
  );
  if (options.quarantine)
    await quarantineRows(
      numbered,
      '__dup > 1',
      `'duplicate of (' || ${keys.map((k) => `coalesce(CAST(${ident(k)} AS VARCHAR), 'null')`).join(" || ', ' || ")} || ')'`,
      ['__dup'],
    );
  else frame.session.dropSteps.push({ sql: `SELECT count(*) AS n FROM ${numbered.sqlName} WHERE __dup > 1` });
  return numbered.derive(`SELECT * EXCLUDE (__dup) FROM ${numbered.sqlName} WHERE __dup = 1`);
}

export async function union(left: Frame, right: Frame, distinct: boolean): Promise<Frame> {
  return left.derive(`SELECT * FROM ${left.sqlName} UNION ${distinct ? '' : 'ALL '}BY NAME SELECT * FROM ${right.sqlName}`);
}
