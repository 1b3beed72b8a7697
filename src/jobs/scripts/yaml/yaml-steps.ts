// One declarative step applied to a frame. Rows a rule rejects are quarantined with a reason or
// dropped (and counted), as the step says; they never vanish unaccounted.
import { invalidInput } from '../../../kernel/errors.js';
import type { Frame } from '../../sdk/frame.js';
import type { AggFunc } from '../../sdk/types.js';
import { ident, literal, sqlType } from '../../sdk/sql.js';
import { quarantineRows } from '../../sdk/transforms/quarantine.js';
import { sqlOverFrames } from '../../sdk/transforms/sql-query.js';
import type { Step } from './yaml-schema.js';

export type Resolve = (name: string) => Promise<Frame>;

/** snake_case: 'OrderID' → 'order_id', 'Customer Name' → 'customer_name'; a leading '_' (metadata columns) stays. */
export const snake = (s: string) =>
  (s.startsWith('_') ? '_' : '') +
  (s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase() || 'col');

/** Removes the rows where bad holds: into the quarantine with reasonSql, or dropped and counted. */
async function reject(frame: Frame, bad: string, reasonSql: string, how: 'quarantine' | 'drop'): Promise<Frame> {
  if (how === 'quarantine') await quarantineRows(frame, bad, reasonSql);
  else frame.session.dropSteps.push({ sql: `SELECT count(*) AS n FROM ${frame.sqlName} WHERE coalesce((${bad}), false)` });
  return frame.derive(`SELECT * FROM ${frame.sqlName} WHERE NOT coalesce((${bad}), false)`);
}

/** A date format, or 'epoch' for whole seconds since 1970 (as text or number). */
function parseWith(textSql: string, format: string): string {
  if (format === 'epoch')
    return `CASE WHEN regexp_full_match(${textSql}, '-?[0-9]{1,12}') THEN make_timestamp(CAST(${textSql} AS BIGINT) * 1000000) END`;
  return `try_strptime(${textSql}, ${literal(format)})`;
}

export async function applyStep(frame: Frame, step: Step, resolve: Resolve): Promise<Frame> {
  const schema = await frame.schema();
  const columns = schema.map((c) => c.name);
  // A JSON value's text is its string content, not its JSON spelling with quotes.
  const text = (col: string) =>
    schema.find((c) => c.name === col)?.type === 'JSON' ? `json_extract_string(${ident(col)}, '$')` : `CAST(${ident(col)} AS VARCHAR)`;
  const has = (c: string, what: string) => {
    if (!columns.includes(c)) throw invalidInput(`${what}: the frame has no column ${c} (it has ${columns.join(', ')})`);
  };
  if ('cleanNames' in step) {
    const seen = new Set<string>();
    const items = columns.map((c) => {
      let n = snake(c);
      while (seen.has(n)) n = `${n}_`;
      seen.add(n);
      return `${ident(c)} AS ${ident(n)}`;
    });
    return frame.derive(`SELECT ${items.join(', ')} FROM ${frame.sqlName}`, 'frame', true);
  }
  if ('rename' in step) {
    let f = frame;
    for (const [from, to] of Object.entries(step.rename)) f = await f.renameField(from, to);
    return f;
  }
  if ('mapping' in step) return frame.applyMapping(step.mapping);
  if ('select' in step) return frame.selectFields(step.select);
  if ('drop' in step) return frame.dropFields(step.drop);
  if ('derive' in step) {
    let f = frame;
    for (const [name, expr] of Object.entries(step.derive)) f = await f.withColumn(name, expr);
    return f;
  }
  if ('cast' in step) {
    let f = frame;
    for (const [col, type] of Object.entries(step.cast.columns)) {
      has(col, 'cast');
      const t = sqlType(type);
      const converted = `TRY_CAST(${ident(col)} AS ${t})`;
      if (step.cast.onError !== 'null') {
        f = await reject(
          f,
          `${ident(col)} IS NOT NULL AND ${converted} IS NULL`,
          `${literal(`${col} is not a valid ${type}: `)} || ${text(col)}`,
          step.cast.onError === 'drop' ? 'drop' : 'quarantine',
        );
      }
      f = await f.withColumn(col, converted);
    }
    return f;
  }
  if ('parseDates' in step) {
    const { formats, as, onError } = step.parseDates;
    let f = frame;
    for (const col of step.parseDates.columns) {
      has(col, 'parseDates');
      const parsed = `coalesce(${formats.map((fmt) => parseWith(text(col), fmt)).join(', ')}, TRY_CAST(${text(col)} AS TIMESTAMP))`;
      const value = as === 'date' ? `CAST(${parsed} AS DATE)` : parsed;
      if (onError !== 'null') {
        f = await reject(
          f,
          `${ident(col)} IS NOT NULL AND ${parsed} IS NULL`,
          `${literal(`${col} is not a date in ${formats.join(' | ')}: `)} || ${text(col)}`,
          onError === 'drop' ? 'drop' : 'quarantine',
        );
      }
      f = await f.withColumn(col, value);
    }
    return f;
  }
  if ('nulls' in step) {
    const { action, value } = step.nulls;
    let f = frame;
    for (const col of step.nulls.columns) {
      has(col, 'nulls');
      const missing = `(${ident(col)} IS NULL OR trim(${text(col)}) = '')`;
      if (action === 'replace') f = await f.withColumn(col, `CASE WHEN ${missing} THEN ${literal(value ?? null)} ELSE ${ident(col)} END`);
      else f = await reject(f, missing, literal(`${col} is missing`), action);
    }
    return f;
  }
  if ('filter' in step) {
    const { where, otherwise, reason } = step.filter;
    return reject(frame, `NOT (${where})`, literal(reason ?? `failed filter: ${where}`), otherwise);
  }
  if ('quarantine' in step) return frame.quarantine(step.quarantine.where, step.quarantine.reason);
  if ('dedupe' in step)
    return frame.dropDuplicates(step.dedupe.keys, { orderBy: step.dedupe.orderBy, quarantine: step.dedupe.otherwise === 'quarantine' });
  if ('join' in step) {
    const other = await resolve(step.join.with);
    return frame.join(other, Object.keys(step.join.on), Object.values(step.join.on), { type: step.join.type });
  }
  if ('lookup' in step) {
    const other = await resolve(step.lookup.with);
    const on = Object.entries(step.lookup.on)
      .map(([l, r]) => `l.${ident(l)} = r.${ident(r)}`)
      .join(' AND ');
    const picked = Object.entries(step.lookup.columns).map(([as, col]) => `r.${ident(col)} AS ${ident(as)}`);
    // A lookup must not multiply rows: the right side is reduced to one row per key.
    const keys = Object.values(step.lookup.on).map(ident).join(', ');
    const right = `(SELECT * FROM ${other.sqlName} QUALIFY row_number() OVER (PARTITION BY ${keys}) = 1)`;
    return frame.derive(`SELECT l.*, ${picked.join(', ')} FROM ${frame.sqlName} l LEFT JOIN ${right} r ON ${on}`);
  }
  if ('aggregate' in step) {
    return frame.aggregate(
      step.aggregate.groupBy,
      step.aggregate.aggs.map((a) => ({ column: a.column, aggFunc: a.fn as AggFunc, as: a.as })),
    );
  }
  if ('union' in step) return frame.union(await resolve(step.union.with), { distinct: step.union.distinct });
  if ('fillMissing' in step) return frame.fillMissingValues(step.fillMissing.column, step.fillMissing.output);
  if ('metadata' in step) return frame.withMetadataColumns();
  if ('quality' in step) {
    const out = await frame.evaluateDataQuality({
      ruleset: step.quality.ruleset,
      rulesetName: step.quality.name,
      quarantineFailedRows: step.quality.quarantine,
    });
    return out.frame as Frame;
  }
  if ('sql' in step) return sqlOverFrames(frame.session, step.sql, { input: frame });
  throw invalidInput(`Unknown step ${JSON.stringify(step)}`);
}
