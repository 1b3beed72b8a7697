// Rules across datasets (§4.3): ReferentialIntegrity, DatasetMatch, RowCountMatch, SchemaMatch and
// AggregateMatch. Reference datasets are the additional sources, by alias; a missing alias fails
// the rule with "<alias> not found in additional sources".
import type { QueryEngine } from '../../../engine/query-engine.js';
import { findColumn, sameColumnName } from '../../../kernel/column-names.js';
import { judge } from '../checks.js';
import { ident, toNumber } from '../sql.js';
import { RuleError, type Outcome, type RuleEnv, type RulePlan, type Values } from '../types.js';

class MissingAlias extends RuleError {}

function reference(env: RuleEnv, alias: string): string {
  const view = env.alias(alias);
  if (!view) throw new MissingAlias(`${alias} not found in additional sources`);
  return view;
}

async function requireColumns(env: RuleEnv, alias: string, names: string[]): Promise<void> {
  const cols = await env.aliasColumns(alias);
  const missing = names.filter((n) => !findColumn(cols, n));
  if (missing.length)
    throw new RuleError(`Reference data ${alias} does not include column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}!`);
}

/** A plan whose value is a ratio computed by one query; a missing alias is a FAIL, as in the reference. */
function ratioPlan(env: RuleEnv, key: string, query: (engine: QueryEngine) => Promise<number>, extra: Partial<RulePlan> = {}): RulePlan {
  const measure = (v: Values): Record<string, number> =>
    typeof v.extra?.ratio === 'number' && !Number.isNaN(v.extra.ratio) ? { [key]: v.extra.ratio } : {};
  return {
    historyMetric: key,
    extra: async (engine) => {
      try {
        return { ratio: await query(engine) };
      } catch (e) {
        if (e instanceof MissingAlias) return { missing: e.message };
        throw e;
      }
    },
    measure,
    finish: (v, check): Outcome => {
      if (v.extra?.missing) return { status: 'FAIL', message: String(v.extra.missing), metrics: {} };
      return judge(v.extra?.ratio as number, check, measure(v), 'The primary dataset is empty: no ratio to compute.');
    },
    ...extra,
  };
}

const splitList = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function referentialIntegrity(env: RuleEnv): RulePlan {
  const primaryCols = splitList(env.rule.params[0].value);
  const m = /^([^.]+)\.(?:\{(.*)\}|(.*))$/.exec(env.rule.params[1].value.trim());
  if (!m) throw new RuleError('The reference is written "alias.column" or "alias.{col1,col2}"');
  const alias = m[1];
  const refCols = splitList(m[2] ?? m[3]);
  if (refCols.length !== primaryCols.length)
    throw new RuleError(`${primaryCols.length} primary columns are matched with ${refCols.length} reference columns`);
  const pc = primaryCols.map((c) => env.col(c));
  const on = (p: string) => refCols.map((r, i) => `__dq_r.${ident(r)} = ${p}.${pc[i]}`).join(' AND ');
  return ratioPlan(
    env,
    `Column.${alias}.ReferentialIntegrity`,
    async (engine) => {
      const ref = reference(env, alias);
      await requireColumns(env, alias, refCols);
      const r = await engine.query(
        `SELECT count(*) AS total, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ${ref} AS __dq_r WHERE ${on('__dq_p')})) AS ok FROM ${env.primary} AS __dq_p`,
      );
      return (toNumber(r.rows[0].ok) ?? 0) / (toNumber(r.rows[0].total) ?? 0);
    },
    {
      row: env.alias(alias) ? `EXISTS (SELECT 1 FROM ${env.alias(alias)} AS __dq_r WHERE ${on('__dq_src')})` : undefined,
      rowIsHeavy: true,
    },
  );
}

const mapping = (s: string) =>
  splitList(s).map((pair) => {
    const [p, r] = pair.split('->').map((x) => x.trim());
    return { p, r: r ?? p };
  });

export function datasetMatch(env: RuleEnv): RulePlan {
  const alias = env.rule.params[0].value;
  const keys = mapping(env.rule.params[1].value);
  const given = env.rule.params[2] ? mapping(env.rule.params[2].value) : undefined;
  for (const k of [...keys, ...(given ?? [])]) env.col(k.p);
  // By default every non-key column of the primary dataset must match the same-named reference column.
  const matches = given ?? env.columns.filter((c) => !keys.some((k) => sameColumnName(k.p, c.name))).map((c) => ({ p: c.name, r: c.name }));
  const cond = (p: string) =>
    [
      ...keys.map((k) => `__dq_r.${ident(k.r)} = ${p}.${ident(k.p)}`),
      ...matches.map((k) => `__dq_r.${ident(k.r)} IS NOT DISTINCT FROM ${p}.${ident(k.p)}`),
    ].join(' AND ');
  return ratioPlan(
    env,
    `Dataset.${alias}.DatasetMatch`,
    async (engine) => {
      const ref = reference(env, alias);
      await requireColumns(
        env,
        alias,
        [...keys, ...matches].map((k) => k.r),
      );
      const r = await engine.query(
        `SELECT count(*) AS total, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ${ref} AS __dq_r WHERE ${cond('__dq_p')})) AS ok FROM ${env.primary} AS __dq_p`,
      );
      return (toNumber(r.rows[0].ok) ?? 0) / (toNumber(r.rows[0].total) ?? 0);
    },
    {
      row: env.alias(alias) ? `EXISTS (SELECT 1 FROM ${env.alias(alias)} AS __dq_r WHERE ${cond('__dq_src')})` : undefined,
      rowIsHeavy: true,
    },
  );
}

/** Both zero → 1.0; a zero denominator → 0.0 (§4.3 AggregateMatch). */
const safeRatio = (a: number, b: number) => (a === 0 && b === 0 ? 1 : b === 0 ? 0 : a / b);

export function rowCountMatch(env: RuleEnv): RulePlan {
  const alias = env.rule.params[0].value;
  return ratioPlan(env, `Dataset.${alias}.RowCountMatch`, async (engine) => {
    const ref = reference(env, alias);
    const r = await engine.query(`SELECT (SELECT count(*) FROM ${env.primary}) AS a, (SELECT count(*) FROM ${ref}) AS b`);
    return safeRatio(toNumber(r.rows[0].a) ?? 0, toNumber(r.rows[0].b) ?? 0);
  });
}

export function schemaMatch(env: RuleEnv): RulePlan {
  const alias = env.rule.params[0].value;
  return ratioPlan(env, `Dataset.${alias}.SchemaMatch`, async () => {
    reference(env, alias);
    const ref = await env.aliasColumns(alias);
    if (ref.length !== env.columns.length)
      throw new RuleError(`Column counts do not match: ${env.columns.length} in the primary dataset, ${ref.length} in ${alias}`);
    const same = env.columns.filter((c) => ref.some((r) => sameColumnName(r.name, c.name) && r.type === c.type)).length;
    return env.columns.length ? same / env.columns.length : 1;
  });
}

function aggregate(env: RuleEnv, text: string): { fn: string; alias?: string; column: string } {
  const m = /^\s*(sum|avg)\s*\(\s*(.+?)\s*\)\s*$/i.exec(text);
  if (!m) throw new RuleError(`AggregateMatch takes sum(column) or avg(column), optionally alias.column: ${text}`);
  const dot = m[2].indexOf('.');
  const prefix = dot > 0 ? m[2].slice(0, dot) : undefined;
  if (prefix && (prefix === 'primary' || env.alias(prefix) !== undefined || !findColumn(env.columns, m[2]))) {
    return { fn: m[1].toLowerCase(), alias: prefix === 'primary' ? undefined : prefix, column: m[2].slice(dot + 1) };
  }
  return { fn: m[1].toLowerCase(), column: m[2] };
}

export function aggregateMatch(env: RuleEnv): RulePlan {
  const [a, b] = env.rule.params.map((p) => aggregate(env, p.value));
  const key = a.column === b.column ? `Column.${a.column}.AggregateMatch` : `Column.${a.column},${b.column}.AggregateMatch`;
  const sqlOf = async (x: typeof a) => {
    const rel = x.alias ? reference(env, x.alias) : env.primary;
    if (x.alias) await requireColumns(env, x.alias, [x.column]);
    else env.col(x.column);
    return `(SELECT CAST(${x.fn}(${ident(x.column)}) AS DOUBLE) FROM ${rel})`;
  };
  return ratioPlan(env, key, async (engine) => {
    const r = await engine.query(`SELECT ${await sqlOf(a)} AS a, ${await sqlOf(b)} AS b`);
    return safeRatio(toNumber(r.rows[0].a) ?? 0, toNumber(r.rows[0].b) ?? 0);
  });
}
