// The data-quality concept: its operations for the registry, its workers for `sluice _run`, and the
// functions jobs and the CLI call directly.
import type { Operation } from '../kernel/registry.js';
import { rulesetOperations } from './service/rulesets.js';
import { resultOperations } from './service/results.js';
import { evaluationRunOperations } from './service/evaluation-runs.js';
import { recommendationRunOperations } from './service/recommendation-runs.js';

export const qualityOperations: Operation[] = [
  ...rulesetOperations,
  ...resultOperations,
  ...evaluationRunOperations,
  ...recommendationRunOperations,
];

export { runEvaluation } from './service/evaluation-runs.js';
export { runRecommendation, recommendForSource } from './service/recommendation-runs.js';
export { evaluateTable } from './service/evaluate-table.js';
export { evaluateRuleset, type EvaluateOptions, type Evaluation } from './eval/evaluate.js';
export { evaluateForJob, type JobQualityCheck, type JobQualityOutcome } from './for-jobs.js';
export { parseDqdl, ruleText, DqdlError } from './dqdl/index.js';
export { recommendRuleset } from './recommend/recommend.js';
