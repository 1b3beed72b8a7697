// Composite rules (§4.4). COLUMN (the default): each part is judged on the whole dataset and the
// outcomes combined — AND passes when every part passes, OR when any does. ROW: the parts are
// combined per row and every row must pass; ratio rules and threshold forms have no per-row meaning
// there, and parts with no per-row form (RowCount …) count as their dataset-level outcome.
import type { QueryEngine } from '../../engine/query-engine.js';
import type { Rule } from '../dqdl/ast.js';
import { RULE_TYPES } from '../dqdl/rule-types.js';
import { constraintMessage } from './checks.js';
import { rowExpr, type Leaf } from './leaves.js';
import { toNumber } from './sql.js';
import type { Outcome } from './types.js';

export function combine(op: 'and' | 'or', parts: Outcome[]): Outcome {
  const metrics = Object.assign({}, ...parts.map((p) => p.metrics));
  const messages = parts.filter((p) => p.status !== 'PASS' && p.message).map((p) => p.message!);
  const has = (s: Outcome['status']) => parts.some((p) => p.status === s);
  const status =
    op === 'and' ? (has('FAIL') ? 'FAIL' : has('ERROR') ? 'ERROR' : 'PASS') : has('PASS') ? 'PASS' : has('ERROR') ? 'ERROR' : 'FAIL';
  return status === 'PASS' ? { status, metrics } : { status, message: messages.join('\n'), metrics };
}

/** Outcome of a rule tree judged part by part (COLUMN). */
export function columnOutcome(rule: Rule, leafOf: (r: Rule) => Leaf): Outcome {
  if (rule.kind === 'rule') return leafOf(rule).outcome!;
  return combine(
    rule.op,
    rule.rules.map((r) => columnOutcome(r, leafOf)),
  );
}

/** Per-row SQL for a rule tree, or undefined when some part has no per-row form. */
export function treeRowExpr(rule: Rule, leafOf: (r: Rule) => Leaf, label: 'PASSED' | 'SKIPPED'): string | undefined {
  if (rule.kind === 'rule') return rowExpr(leafOf(rule), label);
  const parts = rule.rules.map((r) => treeRowExpr(r, leafOf, label));
  if (parts.some((p) => p === undefined)) return undefined;
  return `(${parts.join(rule.op === 'and' ? ' AND ' : ' OR ')})`;
}

class Unsupported extends Error {}

function rowModeExpr(rule: Rule, leafOf: (r: Rule) => Leaf): string {
  if (rule.kind === 'composite') return `(${rule.rules.map((r) => rowModeExpr(r, leafOf)).join(rule.op === 'and' ? ' AND ' : ' OR ')})`;
  const leaf = leafOf(rule);
  const spec = RULE_TYPES[rule.ruleType];
  if (spec?.excludedAtRowLevel || (rule.threshold && ['ColumnDataType', 'ColumnValues', 'CustomSql'].includes(rule.ruleType))) {
    throw new Unsupported(
      `Rule (or nested rule) not supported due to: ${rule.ruleType}${rule.threshold ? ' with a threshold' : ''} cannot be evaluated row by row`,
    );
  }
  if (leaf.outcome?.status === 'ERROR') throw new Unsupported(leaf.outcome.message ?? 'A nested rule could not be evaluated');
  // Rows outside a where clause pass in ROW mode, whatever the filtered-row label of row-level results.
  return rowExpr(leaf, 'PASSED') ?? (leaf.outcome?.status === 'PASS' ? 'TRUE' : 'FALSE');
}

export async function rowOutcome(
  rule: Rule & { kind: 'composite' },
  leafOf: (r: Rule) => Leaf,
  engine: QueryEngine,
  primary: string,
): Promise<Outcome> {
  const metrics = columnOutcome(rule, leafOf).metrics;
  let expr: string;
  try {
    expr = rowModeExpr(rule, leafOf);
  } catch (e) {
    if (e instanceof Unsupported) return { status: 'ERROR', message: e.message, metrics };
    throw e;
  }
  try {
    const r = await engine.query(
      `SELECT count(*) AS n, count(*) FILTER (WHERE __dq_ok) AS ok FROM (SELECT coalesce(${expr}, false) AS __dq_ok FROM ${primary} AS __dq_src)`,
    );
    const n = toNumber(r.rows[0].n) ?? 0;
    const ok = toNumber(r.rows[0].ok) ?? 0;
    if (n === ok) return { status: 'PASS', metrics };
    return { status: 'FAIL', message: constraintMessage(ok / n), metrics };
  } catch (e) {
    return { status: 'ERROR', message: (e as Error).message, metrics };
  }
}
