// Rules and analyzers: `RuleType (of|and)? param … condition? (where "…")? (with …)* (labels=[…])?`,
// composite rules `(A) and (B)`, `(A) or ((B) and (C))`, and the checks of §4.1 that make a rule
// well-formed for its type.
import type { Analyzer, CompositeRule, Param, Rule, SimpleRule, Tag } from './ast.js';
import { DqdlError, type Position } from './errors.js';
import { describeToken, keywordHint, type Cursor } from './cursor.js';
import type { Token } from './lexer.js';
import { expectedConditions, parseCondition, parseNumberCondition, startsCondition } from './conditions.js';
import { ANOMALY_METRICS, RULE_TYPES, type RuleTypeSpec } from './rule-types.js';

const CONNECTORS = ['of', 'OF', 'and', 'AND'];
/** Words that end the parameter list; a column named like one of these must be quoted. */
const RESERVED = new Set(['between', 'not', 'in', 'matches', 'where', 'with', 'labels', 'and', 'AND', 'or', 'OR', 'of', 'OF']);

export function parseTopLevelRule(c: Cursor): Rule {
  return c.isPunct('(') ? parseOr(c) : parseSimpleRule(c);
}

// AND binds tighter than OR, as ANTLR's left-recursive alternatives order them (§4.1 [INF]).
function parseOr(c: Cursor): Rule {
  return parseChain(c, ['or', 'OR'], 'or', () => parseAnd(c));
}

function parseAnd(c: Cursor): Rule {
  return parseChain(c, ['and', 'AND'], 'and', () => parseGroup(c));
}

function parseChain(c: Cursor, words: string[], op: 'and' | 'or', operand: () => Rule): Rule {
  const position = c.peek().start;
  const first = operand();
  if (!c.isWord(words)) return first;
  const rules = [first];
  let opText = op as string;
  while (c.isWord(words)) {
    opText = c.next().text;
    if (!c.isPunct('(')) c.fail(`'(' — each part of a composite rule is written in parentheses: (A) ${opText} (B)`);
    rules.push(operand());
  }
  return { kind: 'composite', op, opText, rules, position } satisfies CompositeRule;
}

function parseGroup(c: Cursor): Rule {
  c.expectPunct('(');
  const inner = c.isPunct('(') ? parseOr(c) : parseSimpleRule(c);
  c.expectPunct(')', ' to close the rule');
  if (c.isWord('labels')) inner.labels = { ...inner.labels, ...parseLabels(c) };
  return inner;
}

/** The parameters, and the token each is (for errors that point at one). */
interface Params {
  params: Param[];
  tokens: Token[];
}

function parseParams(c: Cursor): Params {
  const params: Param[] = [];
  const tokens: Token[] = [];
  for (;;) {
    let connector: string | undefined;
    if (c.isWord(CONNECTORS) && isParamStart(c, 1)) connector = c.next().text;
    else if (c.isWord(['of', 'OF'])) {
      const of = c.next();
      c.fail(`a parameter after '${of.text}'`);
    }
    if (!isParamStart(c, 0)) {
      if (connector) c.fail(`a parameter after '${connector}'`);
      return { params, tokens };
    }
    const t = c.peek();
    tokens.push(t);
    if (t.kind === 'variable') params.push({ value: c.stringVariable(), quoted: true, variable: t.text, connector });
    else params.push({ value: c.next().text, quoted: t.kind === 'string', connector });
  }
}

function isParamStart(c: Cursor, k: number): boolean {
  const t = c.peek(k);
  if (t.kind === 'string' || t.kind === 'variable' || t.kind === 'number') return true;
  return t.kind === 'word' && !RESERVED.has(t.text);
}

function ruleSpec(c: Cursor, section: 'rules' | 'analyzers'): { spec: RuleTypeSpec; name: string; position: Position } {
  const t = c.peek();
  if (t.kind !== 'word')
    c.fail(
      section === 'rules'
        ? 'a rule type such as RowCount, IsComplete or ColumnValues'
        : 'an analyzer type such as RowCount, Completeness or AllStatistics',
    );
  c.next();
  const spec = RULE_TYPES[t.text];
  const label = section === 'rules' ? 'Rule Type' : 'Analyzer Type';
  if (!spec) {
    const hint = Object.keys(RULE_TYPES).find((n) => n.toLowerCase() === t.text.toLowerCase());
    throw new DqdlError(
      `${label}: ${t.text} is not valid${hint ? ` (rule types are case-sensitive: did you mean ${hint}?)` : ''}`,
      t.start,
    );
  }
  return { spec, name: t.text, position: t.start };
}

function checkParamCount(spec: RuleTypeSpec, { params, tokens }: Params, position: Position): void {
  const n = params.length;
  if (n >= spec.minParams && n <= spec.maxParams) return;
  const expected =
    spec.maxParams === Infinity
      ? `at least ${spec.minParams}`
      : spec.minParams === spec.maxParams
        ? `${spec.minParams}`
        : `${spec.minParams} to ${spec.maxParams}`;
  const glue = `Unexpected number of parameters for rule type ${spec.name}: expected ${expected}, found ${n}`;
  // Too many: point at the first one too many, which is often a mistyped keyword (`betwen`).
  const extra = n > spec.maxParams ? tokens[spec.maxParams] : undefined;
  if (!extra) throw new DqdlError(glue, position);
  const hint = extra.kind === 'word' ? keywordHint(extra.text) : undefined;
  const then = spec.conditions.includes('none')
    ? 'where, with, labels or the end of the rule'
    : `a condition: ${expectedConditions(spec.conditions)}`;
  if (hint) throw new DqdlError(`Expected ${then} but found '${extra.text}' (did you mean ${hint}?); ${glue}`, extra.start);
  throw new DqdlError(`${glue}; the first one too many is ${describeToken(extra)}`, extra.start);
}

export function parseSimpleRule(c: Cursor): SimpleRule {
  const { spec, name, position } = ruleSpec(c, 'rules');
  if (spec.analyzerOnly) throw new DqdlError(`Analyzer Type: ${name} is not supported in rules section`, position);
  const parsed = parseParams(c);
  checkParamCount(spec, parsed, position);
  if (name === 'DetectAnomalies') checkAnomalyTarget(parsed, position);
  const rule: SimpleRule = { kind: 'rule', ruleType: name, params: parsed.params, tags: [], position };
  if (startsCondition(c)) {
    if (spec.conditions.length === 1 && spec.conditions[0] === 'none') {
      throw new DqdlError(`Unexpected condition for rule of type ${name} with boolean return type`, c.peek().start);
    }
    rule.condition = parseCondition(c, spec.conditions, name);
  } else if (!spec.conditions.includes('none')) {
    c.fail(`a condition for ${name}: ${expectedConditions(spec.conditions)}`);
  }
  parseClauses(c, rule, spec);
  return rule;
}

function checkAnomalyTarget({ params, tokens }: Params, position: Position): void {
  const [metric, ...rest] = params;
  if (!ANOMALY_METRICS.has(metric.value)) {
    throw new DqdlError(`DetectAnomalies cannot watch ${metric.value}; supported: ${[...ANOMALY_METRICS].join(', ')}`, position);
  }
  checkParamCount(RULE_TYPES[metric.value], { params: rest, tokens: tokens.slice(1) }, position);
}

function parseClauses(c: Cursor, rule: SimpleRule, spec: RuleTypeSpec): void {
  for (;;) {
    const t = c.peek();
    if (c.acceptWord('where')) {
      if (rule.where !== undefined) throw new DqdlError('A rule takes one where clause', t.start);
      if (!spec.where) throw new DqdlError(`Where clause is not supported for rule type: ${spec.name}`, t.start);
      const sql = c.expectString('a quoted SQL predicate after where, e.g. where "amount > 0"');
      if (!sql.trim()) throw new DqdlError(`Empty where condition provided for rule type: ${spec.name}`, t.start);
      rule.where = sql;
    } else if (c.acceptWord('with')) {
      parseWith(c, rule, spec, t.start);
    } else if (c.isWord('labels')) {
      if (rule.labels) throw new DqdlError('A rule takes one labels=[…] list', t.start);
      rule.labels = parseLabels(c);
    } else return;
  }
}

function parseWith(c: Cursor, rule: SimpleRule, spec: RuleTypeSpec, at: Position): void {
  if (c.acceptWord('threshold')) {
    if (!spec.threshold) throw new DqdlError(`Threshold condition not supported for rule type: ${spec.name}`, at);
    if (rule.threshold) throw new DqdlError('Only one threshold condition at a time is supported.', at);
    rule.threshold = parseNumberCondition(c, 'The threshold');
    return;
  }
  const key = c.expectKind('word', 'a tag after \'with\', e.g. with threshold > 0.9 or with ignoreCase = "true"');
  if (!c.isPunct('=')) {
    if (startsCondition(c)) throw new DqdlError('String tags only support the equality operator.', c.peek().start);
    c.fail(`'=' after tag ${key.text}`);
  }
  c.next();
  const v = c.peek();
  if (v.kind !== 'string' && v.kind !== 'number' && v.kind !== 'variable') c.fail(`a value for tag ${key.text}`);
  const value = v.kind === 'variable' ? c.stringVariable() : c.next().text;
  rule.tags.push({ key: key.text, value, quoted: v.kind !== 'number' } satisfies Tag);
}

/** labels=["k"="v", …]: at most 10, keys 1–128 characters, values up to 256 (§4.1). */
export function parseLabels(c: Cursor, keyword = 'labels'): Record<string, string> {
  const at = c.expectWord(keyword).start;
  c.expectPunct('=', ` after ${keyword}`);
  c.expectPunct('[', ` to start the ${keyword} list`);
  const labels: Record<string, string> = {};
  if (!c.isPunct(']')) {
    do {
      const k = c.peek();
      const key = c.expectKind('string', 'a quoted label key').text;
      c.expectPunct('=', ' between label key and value');
      const value = c.expectKind('string', 'a quoted label value').text;
      if (!key || key.length > 128) throw new DqdlError('Label keys must be 1 to 128 characters long', k.start);
      if (value.length > 256) throw new DqdlError('Label values must be at most 256 characters long', k.start);
      labels[key] = value;
    } while (c.acceptPunct(','));
  }
  c.expectPunct(']', ` to close the ${keyword} list`);
  if (Object.keys(labels).length > 10) throw new DqdlError('At most 10 labels are allowed per rule', at);
  return labels;
}

export function parseAnalyzer(c: Cursor): Analyzer {
  const { spec, name, position } = ruleSpec(c, 'analyzers');
  if (!spec.analyzer) throw new DqdlError(`Analyzer Type: ${name} is not supported`, position);
  const parsed = parseParams(c);
  checkParamCount(spec, parsed, position);
  const { params } = parsed;
  if (startsCondition(c))
    throw new DqdlError(`Analyzer ${name} takes no condition: analyzers compute statistics without pass or fail`, c.peek().start);
  const analyzer: Analyzer = { kind: 'analyzer', analyzerType: name, params, position };
  const t = c.peek();
  if (c.acceptWord('where')) {
    if (!spec.where) throw new DqdlError(`Where clause is not supported for rule type: ${name}`, t.start);
    const sql = c.expectString('a quoted SQL predicate after where');
    if (!sql.trim()) throw new DqdlError(`Empty where condition provided for rule type: ${name}`, t.start);
    analyzer.where = sql;
  }
  return analyzer;
}
