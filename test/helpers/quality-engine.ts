// A real DuckDB engine in a temporary project, for the data-quality tests: tables are built from
// VALUES lists, rulesets are evaluated over them, and results are looked up by rule text.
import { openTestProject, type TestProject } from './backends.js';
import type { QueryEngine } from '../../src/engine/query-engine.js';
import { evaluateRuleset, type EvaluateOptions, type Evaluation } from '../../src/quality/eval/evaluate.js';

export interface QualityEngine {
  project: TestProject;
  engine: QueryEngine;
  /** Creates (or replaces) table `name` as the result of `sql`. */
  table(name: string, sql: string): Promise<void>;
  /** Evaluates `Rules = [ … ]` (or a whole ruleset when it contains "Rules") over `primary`. */
  evaluate(primary: string, rules: string, options?: Partial<EvaluateOptions>): Promise<Evaluation>;
  close(): Promise<void>;
}

export async function openQualityEngine(): Promise<QualityEngine> {
  const project = await openTestProject('sqlite');
  const engine = await project.sluice.services.openEngine({ sandbox: true });
  return {
    project,
    engine,
    table: async (name, sql) => void (await engine.query(`CREATE OR REPLACE TEMP TABLE ${name} AS ${sql}`)),
    evaluate: (primary, rules, options = {}) =>
      evaluateRuleset(engine, /\b(Rules|Analyzers)\s*=/.test(rules) ? rules : `Rules = [ ${rules} ]`, { primary, ...options }),
    async close() {
      await engine.close();
      await project.cleanup();
    },
  };
}

/** The result of the rule whose text is `description`. */
export function result(e: Evaluation, description: string) {
  const r = e.ruleResults.find((x) => x.Description === description);
  if (!r) throw new Error(`no result for ${description}; have ${e.ruleResults.map((x) => x.Description).join(' | ')}`);
  return r;
}
