// The DQDL language: parse a ruleset into its typed form, and print rules back canonically.
export { parseDqdl } from './parser.js';
export { ruleText, analyzerText, conditionText, numText, dateText } from './canonical.js';
export { DqdlError } from './errors.js';
export { RULE_TYPES, type RuleTypeSpec } from './rule-types.js';
export type * from './ast.js';
