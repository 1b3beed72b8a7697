// One simple rule from plan to outcome: where-clause handling, dynamic operands read from history,
// DetectAnomalies, and every failure turned into that rule's ERROR so the others still run.
import type { SimpleRule } from '../dqdl/ast.js';
import { conditionText, ruleText } from '../dqdl/canonical.js';
import { detectAnomaly, type HistoryProvider } from './anomalies.js';
import { resolveCheck } from './checks.js';
import { makeEnv, type EvalContext } from './env.js';
import { planRule } from './rules/index.js';
import { RuleError, type NumberCheck, type Outcome, type RulePlan, type Values } from './types.js';

export interface Leaf {
  id: number;
  rule: SimpleRule;
  plan?: RulePlan;
  /** Set when the rule cannot run at all (planning failed, bad where clause). */
  error?: string;
  outcome?: Outcome;
  values?: Values;
}

/** The key a metric's history is kept under: its Glue name, qualified by the rule's where clause. */
export const historyKey = (metric: string, where: string | undefined) => (where === undefined ? metric : `${metric} where "${where}"`);

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function planLeaf(leaf: Leaf, ctx: EvalContext): void {
  try {
    const rule = leaf.rule;
    if (rule.ruleType === 'DetectAnomalies') {
      // Plan the watched metric as a rule of its own, without a condition.
      const [metric, ...params] = rule.params;
      const inner: SimpleRule = { kind: 'rule', ruleType: metric.value, params, tags: [], position: rule.position };
      leaf.plan = planRule(makeEnv(inner, ctx));
    } else leaf.plan = planRule(makeEnv(rule, ctx));
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    leaf.error = e.message;
  }
}

export async function runExtra(leaf: Leaf, engine: Parameters<NonNullable<RulePlan['extra']>>[0]): Promise<void> {
  if (!leaf.plan?.extra || leaf.error || !leaf.values) return;
  try {
    leaf.values.extra = await leaf.plan.extra(engine);
  } catch (e) {
    leaf.error = message(e);
  }
}

export async function finishLeaf(leaf: Leaf, history: HistoryProvider | undefined): Promise<Outcome> {
  const { rule, plan, values } = leaf;
  if (leaf.error || !plan || !values) return { status: 'ERROR', message: leaf.error ?? 'The rule could not be evaluated', metrics: {} };
  try {
    if (rule.where !== undefined && plan.filteredRowsAgg && Number(values.agg[plan.filteredRowsAgg] ?? 0) === 0) {
      return { status: 'PASS', message: 'No rows matched the filter', metrics: plan.measure(values) };
    }
    if (rule.ruleType === 'DetectAnomalies') {
      const metrics = plan.measure(values);
      const metric = plan.historyMetric ?? Object.keys(metrics)[0];
      return await detectAnomaly(metric, metrics[metric], metrics, history);
    }
    let check: NumberCheck | undefined;
    let evaluatedRule: string | undefined;
    if (rule.condition?.type === 'number') {
      const lookup =
        plan.historyMetric && history ? (k: number) => history.values(historyKey(plan.historyMetric!, rule.where), k) : undefined;
      const resolved = await resolveCheck(rule.condition, lookup);
      check = resolved.check;
      if (resolved.dynamic) evaluatedRule = ruleText(rule).replace(conditionText(rule.condition), resolved.text);
    }
    const outcome = plan.finish(values, check);
    return evaluatedRule ? { ...outcome, evaluatedRule } : outcome;
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    return { status: 'ERROR', message: e.message, metrics: {} };
  }
}

/** The rule's per-row outcome as SQL (TRUE pass, FALSE fail, NULL skip), rows outside its where included. */
export function rowExpr(leaf: Leaf, filteredLabel: 'PASSED' | 'SKIPPED'): string | undefined {
  if (leaf.error || !leaf.plan?.row || !leaf.values || leaf.rule.ruleType === 'DetectAnomalies') return undefined;
  const row = typeof leaf.plan.row === 'function' ? leaf.plan.row(leaf.values) : leaf.plan.row;
  if (!row) return undefined;
  if (leaf.rule.where === undefined) return `(${row})`;
  return `CASE WHEN coalesce((${leaf.rule.where}), false) THEN (${row}) ELSE ${filteredLabel === 'SKIPPED' ? 'NULL' : 'TRUE'} END`;
}
