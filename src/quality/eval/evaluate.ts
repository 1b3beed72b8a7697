// Evaluates a DQDL ruleset over a SQL relation in a QueryEngine: the entry point for evaluation
// runs, `sluice dq evaluate`, and jobs that check their output before committing it.
import type { QueryEngine } from '../../engine/query-engine.js';
import type {
  DataQualityAggregatedMetrics,
  DataQualityAnalyzerResult,
  DataQualityObservation,
  DataQualityRuleResult,
} from '../../kernel/glue-types.js';
import type { Rule, Ruleset } from '../dqdl/ast.js';
import { analyzerText, ruleText } from '../dqdl/canonical.js';
import { parseDqdl } from '../dqdl/parser.js';
import { observe, type HistoryProvider } from './anomalies.js';
import { planAnalyzer } from './analyzers.js';
import { columnOutcome, rowOutcome, treeRowExpr } from './composite.js';
import type { EvalContext } from './env.js';
import { finishLeaf, historyKey, planLeaf, runExtra, type Leaf } from './leaves.js';
import { writeRowLevel, type RowLevelCounts } from './row-level.js';
import { runScan, type ScanItem } from './scan.js';
import { ident } from './sql.js';
import { RuleError, type Column, type Outcome, type RulePlan } from './types.js';

export interface EvaluateOptions {
  /** The data to check: a table or view name as SQL (quoted where needed) or a parenthesised query. */
  primary: string;
  /** Reference datasets by alias (ReferentialIntegrity, DatasetMatch …), as SQL relations. */
  additional?: Record<string, string>;
  /** compositeRuleEvaluation.method; COLUMN by default (§4.4). */
  compositeMethod?: 'COLUMN' | 'ROW';
  /** rowLevelConfiguration.filteredRowLabel: how rows outside a rule's where clause are labelled. */
  filteredRowLabel?: 'PASSED' | 'SKIPPED';
  /** Past metric values, for dynamic rules, DetectAnomalies and observations. */
  history?: HistoryProvider;
  /** Evaluation time (now() in rules, DataFreshness); the clock by default. */
  now?: Date;
  /** Writes row-level outcomes into this temporary table of the engine. */
  rowLevelTable?: string;
  /** Counts rows passed and failed (AggregatedMetrics) even without a row-level table: one more pass. */
  rowCounts?: boolean;
}

export interface Evaluation {
  ruleResults: DataQualityRuleResult[];
  analyzerResults: DataQualityAnalyzerResult[];
  observations: DataQualityObservation[];
  /** Passed top-level rules / top-level rules; undefined without rules. */
  score?: number;
  aggregatedMetrics: DataQualityAggregatedMetrics;
  /** Every metric computed, keyed as history keeps it (name, plus the where clause when there is one). */
  metrics: Record<string, number>;
  rowLevel?: RowLevelCounts & { table?: string };
}

const PRIMARY = ident('primary');

function leavesOf(rule: Rule, out: Leaf[], byRule: Map<Rule, Leaf>): void {
  if (rule.kind === 'composite') return rule.rules.forEach((r) => leavesOf(r, out, byRule));
  const leaf: Leaf = { id: out.length, rule };
  out.push(leaf);
  byRule.set(rule, leaf);
}

async function setUp(engine: QueryEngine, options: EvaluateOptions): Promise<EvalContext> {
  // DQDL's CustomSql calls the dataset `primary`; reference datasets get views of their own, named
  // apart so that an alias never collides with the table it stands for.
  await engine.query(`CREATE OR REPLACE TEMP VIEW ${PRIMARY} AS SELECT * FROM ${options.primary}`);
  const aliases: Record<string, string> = {};
  for (const [alias, rel] of Object.entries(options.additional ?? {})) {
    aliases[alias] = ident(`__dq_ref_${alias}`);
    await engine.query(`CREATE OR REPLACE TEMP VIEW ${aliases[alias]} AS SELECT * FROM ${rel}`);
  }
  const describe = async (rel: string): Promise<Column[]> => (await engine.query(`SELECT * FROM ${rel} LIMIT 0`)).columns;
  const cache = new Map<string, Promise<Column[]>>();
  return {
    columns: await describe(PRIMARY),
    primary: PRIMARY,
    aliases,
    aliasColumns: (alias) => {
      if (!cache.has(alias)) cache.set(alias, describe(aliases[alias]));
      return cache.get(alias)!;
    },
    now: options.now ?? new Date(),
  };
}

/** Marks rules whose where clause does not bind, with the message Glue gives, before the shared scan. */
async function checkWhereClauses(engine: QueryEngine, leaves: Leaf[]): Promise<void> {
  const bad = new Map<string, string | undefined>();
  for (const leaf of leaves) {
    const w = leaf.rule.where;
    if (w === undefined || leaf.error) continue;
    if (!bad.has(w)) {
      try {
        await engine.query(`SELECT count(*) FROM (SELECT * FROM ${PRIMARY} LIMIT 0) WHERE (${w})`);
        bad.set(w, undefined);
      } catch (e) {
        bad.set(w, (e as Error).message);
      }
    }
    const err = bad.get(w);
    if (err) leaf.error = `Rule ${ruleText(leaf.rule)} has provided an invalid where clause : ${err}`;
  }
}

export async function evaluateRuleset(engine: QueryEngine, ruleset: Ruleset | string, options: EvaluateOptions): Promise<Evaluation> {
  const rs = typeof ruleset === 'string' ? parseDqdl(ruleset) : ruleset;
  const ctx = await setUp(engine, options);
  const leaves: Leaf[] = [];
  const byRule = new Map<Rule, Leaf>();
  rs.rules.forEach((r) => leavesOf(r, leaves, byRule));
  leaves.forEach((l) => planLeaf(l, ctx));
  await checkWhereClauses(engine, leaves);

  const analyzerPlans: (RulePlan | string)[] = rs.analyzers.map((a) => {
    try {
      return planAnalyzer(a, ctx);
    } catch (e) {
      if (e instanceof RuleError) return e.message;
      throw e;
    }
  });
  const items: ScanItem[] = leaves.filter((l) => l.plan && !l.error).map((l) => ({ id: l.id, plan: l.plan! }));
  analyzerPlans.forEach((p, i) => typeof p !== 'string' && items.push({ id: leaves.length + i, plan: p }));
  const scanned = await runScan(engine, PRIMARY, items);

  for (const leaf of leaves) {
    const v = scanned.get(leaf.id);
    if (v instanceof Error) leaf.error ??= v.message;
    else leaf.values = v;
    await runExtra(leaf, engine);
    leaf.outcome = await finishLeaf(leaf, options.history);
  }
  const leafOf = (r: Rule) => byRule.get(r)!;

  const outcomes: Outcome[] = [];
  for (const rule of rs.rules) {
    outcomes.push(
      rule.kind === 'composite' && options.compositeMethod === 'ROW'
        ? await rowOutcome(rule, leafOf, engine, PRIMARY)
        : columnOutcome(rule, leafOf),
    );
  }
  const ruleResults = rs.rules.map((rule, i) => ruleResult(rule, i, outcomes[i], rs.defaultLabels));

  const analyzerResults: DataQualityAnalyzerResult[] = [];
  for (const [i, a] of rs.analyzers.entries()) {
    const plan = analyzerPlans[i];
    const v = scanned.get(leaves.length + i);
    let metrics: Record<string, number> = {};
    let message = typeof plan === 'string' ? plan : v instanceof Error ? v.message : undefined;
    if (typeof plan !== 'string' && v && !(v instanceof Error)) {
      try {
        if (plan.extra) v.extra = await plan.extra(engine);
        metrics = finite(plan.measure(v));
      } catch (e) {
        message = (e as Error).message;
      }
    }
    analyzerResults.push({ Name: `Analyzer_${i}`, Description: analyzerText(a), EvaluationMessage: message, EvaluatedMetrics: metrics });
  }

  const metrics = historyMetrics(leaves, rs, analyzerResults);
  const observations = options.history ? await observe(metrics, options.history) : [];
  const rowLevel = options.rowLevelTable || options.rowCounts ? await rowLevelOutcomes(engine, options, rs.rules, leafOf) : undefined;
  const passed = ruleResults.filter((r) => r.Result === 'PASS').length;
  return {
    ruleResults,
    analyzerResults,
    observations,
    score: ruleResults.length ? passed / ruleResults.length : undefined,
    aggregatedMetrics: {
      ...(rowLevel ? { TotalRowsProcessed: rowLevel.rows, TotalRowsPassed: rowLevel.passed, TotalRowsFailed: rowLevel.failed } : {}),
      TotalRulesProcessed: ruleResults.length,
      TotalRulesPassed: passed,
      TotalRulesFailed: ruleResults.length - passed,
    },
    metrics,
    rowLevel,
  };
}

const finite = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).filter(([, v]) => Number.isFinite(v)));

function ruleResult(rule: Rule, i: number, o: Outcome, defaults: Record<string, string>): DataQualityRuleResult {
  const text = ruleText(rule);
  const labels = { ...defaults, ...rule.labels };
  return {
    Name: `Rule_${i}`,
    Description: text,
    EvaluationMessage: o.message,
    Result: o.status,
    EvaluatedMetrics: finite(o.metrics),
    EvaluatedRule: o.evaluatedRule ?? text,
    Labels: Object.keys(labels).length ? labels : undefined,
  };
}

function historyMetrics(leaves: Leaf[], rs: Ruleset, analyzers: DataQualityAnalyzerResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const leaf of leaves) {
    if (!leaf.plan || !leaf.values || leaf.error) continue;
    // DetectAnomalies watches a metric computed over the whole dataset, whatever the rule says.
    const where = leaf.rule.ruleType === 'DetectAnomalies' ? undefined : leaf.rule.where;
    try {
      for (const [k, v] of Object.entries(finite(leaf.plan.measure(leaf.values)))) out[historyKey(k, where)] = v;
    } catch {
      // a rule whose metrics cannot be read has already reported its ERROR
    }
  }
  rs.analyzers.forEach((a, i) => {
    for (const [k, v] of Object.entries(analyzers[i].EvaluatedMetrics ?? {})) out[historyKey(k, a.where)] = v as number;
  });
  return out;
}

async function rowLevelOutcomes(engine: QueryEngine, options: EvaluateOptions, rules: Rule[], leafOf: (r: Rule) => Leaf) {
  const label = options.filteredRowLabel ?? 'PASSED';
  const rowRules = rules.map((r) => ({ name: ruleText(r), expr: treeRowExpr(r, leafOf, label) }));
  const counts = await writeRowLevel(engine, options.rowLevelTable, PRIMARY, rowRules);
  return options.rowLevelTable ? { ...counts, table: options.rowLevelTable } : counts;
}
