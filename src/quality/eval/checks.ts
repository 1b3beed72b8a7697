// Number conditions, exactly as the reference evaluates them (§4.2): `between` is exclusive, `not
// between` its complement (so inclusive), `=`/`!=`/`in` are exact double comparisons. Dynamic
// operands (avg(last(3)) …) are resolved from the metric's history before the check.
import type { Condition, NumExpr } from '../dqdl/ast.js';
import { numText } from '../dqdl/canonical.js';
import { formatDouble } from './sql.js';
import { RuleError, type NumberCheck } from './types.js';

export function checkNumber(m: number, check: NumberCheck): boolean {
  const [a, b] = check.values;
  switch (check.op) {
    case 'between':
      return a !== null && b !== null && a < m && m < b;
    case 'not between':
      return a !== null && b !== null && (m <= a || m >= b);
    case '>':
      return a !== null && m > a;
    case '>=':
      return a !== null && m >= a;
    case '<':
      return a !== null && m < a;
    case '<=':
      return a !== null && m <= a;
    case '=':
      return m === a;
    case '!=':
      return m !== a;
    case 'in':
      return check.values.some((v) => v === m);
    case 'not in':
      return !check.values.some((v) => v === m);
    default:
      return false;
  }
}

/** Past values of a metric, most recent first. */
export type HistoryLookup = (k: number) => Promise<number[]>;

export const hasDynamic = (e: NumExpr): boolean =>
  e.kind === 'call' ||
  (e.kind === 'neg' || e.kind === 'paren' ? hasDynamic(e.expr) : e.kind === 'binary' ? hasDynamic(e.left) || hasDynamic(e.right) : false);

/** Evaluates a number expression; `last(k)` reads history (no history reads as [0.0], §4.5). */
export async function evalNum(e: NumExpr, history: HistoryLookup | undefined): Promise<number | null> {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'null':
      return null;
    case 'neg': {
      const v = await evalNum(e.expr, history);
      return v === null ? null : -v;
    }
    case 'paren':
      return evalNum(e.expr, history);
    case 'binary': {
      const l = await evalNum(e.left, history);
      const r = await evalNum(e.right, history);
      if (l === null || r === null) return null;
      return e.op === '+' ? l + r : e.op === '-' ? l - r : e.op === '*' ? l * r : l / r;
    }
    case 'call':
      return evalCall(e, history);
  }
}

async function lastValues(e: NumExpr, history: HistoryLookup | undefined): Promise<number[]> {
  if (e.kind !== 'call' || e.name !== 'last') throw new RuleError('Expected last(k) as the list of past values');
  const k = e.args[0]?.kind === 'number' ? e.args[0].value : 1;
  // Without a history (an ad-hoc evaluation) there are no past values, which reads as no history.
  const values = history ? await history(k) : [];
  return values.length ? values : [0];
}

async function evalCall(e: NumExpr & { kind: 'call' }, history: HistoryLookup | undefined): Promise<number> {
  if (e.name === 'abs') return Math.abs((await evalNum(e.args[0], history)) ?? NaN);
  const list = await lastValues(e.args[0], history);
  const n = list.length;
  const mean = list.reduce((s, x) => s + x, 0) / n;
  switch (e.name) {
    case 'avg':
    case 'average':
      return mean;
    case 'sum':
      return list.reduce((s, x) => s + x, 0);
    case 'min':
      return Math.min(...list);
    case 'max':
      return Math.max(...list);
    case 'median': {
      const s = [...list].sort((x, y) => x - y);
      return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
    case 'std':
      return Math.sqrt(list.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    case 'index': {
      const i = (await evalNum(e.args[1], history)) ?? NaN;
      if (!Number.isInteger(i) || i < 0 || i >= n)
        throw new RuleError(`index(${numText(e.args[0])}, ${formatDouble(i)}) is out of range: ${n} past value${n === 1 ? '' : 's'}`);
      return list[i];
    }
    default:
      throw new RuleError(`Unknown function ${e.name}()`);
  }
}

/** Resolves a number condition's operands; also returns its text with dynamic operands replaced. */
export async function resolveCheck(
  c: Condition & { type: 'number' },
  history: HistoryLookup | undefined,
): Promise<{ check: NumberCheck; dynamic: boolean; text: string }> {
  const values: (number | null)[] = [];
  for (const o of c.operands) values.push(await evalNum(o, history));
  const dynamic = c.operands.some(hasDynamic);
  const shown = values.map((v) => (v === null ? 'NULL' : formatDouble(v)));
  const text =
    c.op === 'between' || c.op === 'not between'
      ? `${c.op} ${shown[0]} and ${shown[1]}`
      : c.op === 'in' || c.op === 'not in'
        ? `${c.op} [${shown.join(',')}]`
        : `${c.op} ${shown[0]}`;
  return { check: { op: c.op, values }, dynamic, text };
}

export const constraintMessage = (m: number) => `Value: ${formatDouble(m)} does not meet the constraint requirement.`;

/** The common finish: pass when the metric satisfies the check. */
export function judge(metric: number | undefined, check: NumberCheck | undefined, metrics: Record<string, number>, emptyMessage: string) {
  if (metric === undefined || Number.isNaN(metric)) return { status: 'FAIL' as const, message: emptyMessage, metrics };
  if (!check) throw new RuleError('This rule needs a number condition');
  return checkNumber(metric, check)
    ? { status: 'PASS' as const, metrics }
    : { status: 'FAIL' as const, message: constraintMessage(metric), metrics };
}
