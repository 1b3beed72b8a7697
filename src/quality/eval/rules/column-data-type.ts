// ColumnDataType (§4.3): the share of rows whose value casts to the type (a NULL casts to nothing,
// so it does not comply); all rows by default, or as `with threshold` says. Dates may name their
// format with `with format = "dd-MM-yyyy"`.
import { literal, toNumber } from '../sql.js';
import { RuleError, type RuleEnv, type RulePlan, type Values } from '../types.js';
import { finishCompliance } from './column-values.js';

const TYPES: Record<string, string> = {
  BOOLEAN: 'BOOLEAN',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP',
  INTEGER: 'INTEGER',
  DOUBLE: 'DOUBLE',
  FLOAT: 'FLOAT',
  LONG: 'BIGINT',
  STRING: 'VARCHAR',
};
const FULL_FORMATS = ['dd-MM-yyyy', 'MM-dd-yyyy', 'yyyy-MM-dd', 'dd/MM/yyyy', 'MM/dd/yyyy', 'yyyy/MM/dd'];
// Partial dates are completed with a fixed day or year before parsing, as the reference does.
const PARTIAL: Record<string, [string, string, string]> = {
  'MM-yyyy': ['01-', '', 'dd-MM-yyyy'],
  'yyyy-MM': ['', '-01', 'yyyy-MM-dd'],
  'MM/yyyy': ['01/', '', 'dd/MM/yyyy'],
  'yyyy/MM': ['', '/01', 'yyyy/MM/dd'],
  'dd-MM': ['', '-2000', 'dd-MM-yyyy'],
  'dd/MM': ['', '/2000', 'dd/MM/yyyy'],
  'MM/dd': ['', '/2000', 'MM/dd/yyyy'],
  'MM-dd': ['', '-2000', 'MM-dd-yyyy'],
};

const strftime = (fmt: string) => fmt.replace('yyyy', '%Y').replace('MM', '%m').replace('dd', '%d');

function castable(x: string, type: string, format: string | undefined): string {
  const upper = type.toUpperCase();
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(upper);
  if (decimal) return `TRY_CAST(${x} AS DECIMAL(${decimal[1]},${decimal[2]})) IS NOT NULL`;
  const sqlType = TYPES[upper];
  if (!sqlType)
    throw new RuleError(`Unrecognized data type: ${type} (use Boolean, Date, Timestamp, Integer, Double, Float, Long or DECIMAL(p,s))`);
  if (sqlType !== 'DATE' || !format) return `TRY_CAST(${x} AS ${sqlType}) IS NOT NULL`;
  const text = `CAST(${x} AS VARCHAR)`;
  if (PARTIAL[format]) {
    const [pre, post, full] = PARTIAL[format];
    return `try_strptime(${literal(pre)} || ${text} || ${literal(post)}, ${literal(strftime(full))}) IS NOT NULL`;
  }
  if (!FULL_FORMATS.includes(format)) return 'false';
  return `try_strptime(${text}, ${literal(strftime(format))}) IS NOT NULL`;
}

export function columnDataType(env: RuleEnv): RulePlan {
  const { rule } = env;
  const name = rule.params[0].value;
  const c = env.col(name);
  const cond = rule.condition;
  if (
    cond?.type !== 'string' ||
    (cond.op !== '=' && cond.op !== '!=') ||
    cond.operands.length !== 1 ||
    cond.operands[0].kind !== 'string'
  ) {
    throw new RuleError('ColumnDataType supports = "Type" and != "Type" only');
  }
  const format = rule.tags.find((t) => t.key === 'format')?.value;
  const casts = castable(c, cond.operands[0].value, format);
  const row = cond.op === '=' ? `coalesce(${casts}, false)` : `NOT coalesce(${casts}, false)`;
  const key = `Column.${name}.ColumnDataType.Compliance`;
  const measure = (v: Values): Record<string, number> => {
    const n = toNumber(v.agg.n) ?? 0;
    return n ? { [key]: (toNumber(v.agg.ok) ?? 0) / n } : {};
  };
  return {
    aggregates: { n: `count(*)${env.filter()}`, ok: `count(*)${env.filter(row)}` },
    row,
    filteredRowsAgg: rule.where ? 'n' : undefined,
    measure,
    finish: (v) => finishCompliance(measure(v)[key], env.threshold, measure(v)),
  };
}
