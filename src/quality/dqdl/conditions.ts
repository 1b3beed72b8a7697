// Conditions: the operator and its operands are read first in a neutral form, then typed against
// the condition kinds the rule type accepts (a quoted "2022-06-01" is a date for `between` but a
// string for `=`; a bare 5 is bytes for FileSize but a number elsewhere).
import type { Condition, DateExpr, Duration, NumExpr, NumberOp, Size, SizeUnit, StringKeyword, StringOp, StringOperand } from './ast.js';
import { DqdlError, type Position } from './errors.js';
import type { Cursor } from './cursor.js';
import { DURATION_UNITS, dateFromString, parseNowExpr, parseNumExpr, requireScalar, startsNumExpr } from './expressions.js';
import type { ConditionKind } from './rule-types.js';

type Op = NumberOp | StringOp;

type Raw =
  | { k: 'num'; e: NumExpr }
  | { k: 'str'; v: string }
  | { k: 'kw'; w: StringKeyword }
  | { k: 'date'; e: DateExpr }
  | { k: 'dur'; d: Duration }
  | { k: 'size'; s: Size };

const SIZE_UNITS: SizeUnit[] = ['B', 'KB', 'MB', 'GB', 'TB'];
const KEYWORDS: Record<string, StringKeyword> = {
  NULL: 'NULL',
  null: 'NULL',
  EMPTY: 'EMPTY',
  empty: 'EMPTY',
  WHITESPACES_ONLY: 'WHITESPACES_ONLY',
  whitespaces_only: 'WHITESPACES_ONLY',
};
const COMPARISONS = ['=', '!=', '>', '>=', '<', '<='];

export function startsCondition(c: Cursor): boolean {
  const t = c.peek();
  if (t.kind === 'punct') return COMPARISONS.includes(t.text);
  return c.isWord(['between', 'in', 'matches', 'not']);
}

function parseOp(c: Cursor): Op {
  const t = c.peek();
  if (t.kind === 'punct' && COMPARISONS.includes(t.text)) return c.next().text as Op;
  if (c.acceptWord('not')) {
    const w = c.acceptWord(['between', 'in', 'matches']);
    if (!w) c.fail("'between', 'in' or 'matches' after 'not'");
    return `not ${w.text}` as Op;
  }
  const w = c.acceptWord(['between', 'in', 'matches']);
  if (!w) c.fail('a condition: =, !=, >, >=, <, <=, between, not between, in, not in, matches or not matches');
  return w.text as Op;
}

function parseOperand(c: Cursor): Raw {
  const t = c.peek();
  if (t.kind === 'string') return (c.next(), { k: 'str', v: t.text });
  if (t.kind === 'word' && KEYWORDS[t.text]) return (c.next(), { k: 'kw', w: KEYWORDS[t.text] });
  if (t.kind === 'variable') return { k: 'str', v: c.stringVariable() };
  if (c.isWord('now') || (c.isPunct('(') && c.isWord('now', 1))) return { k: 'date', e: parseNowExpr(c) };
  if (startsNumExpr(c)) {
    const e = parseNumExpr(c);
    if (e.kind === 'number' && c.isWord(DURATION_UNITS))
      return { k: 'dur', d: { amount: e.value, unit: c.next().text as Duration['unit'] } };
    if (e.kind === 'number' && c.isWord(SIZE_UNITS)) return { k: 'size', s: { amount: e.value, unit: c.next().text as SizeUnit } };
    return { k: 'num', e };
  }
  return c.fail('a value: a number, a "quoted string", NULL, now() or a list in [ ]');
}

interface RawCondition {
  op: Op;
  operands: Raw[];
  variable?: string;
  position: Position;
}

function parseRaw(c: Cursor): RawCondition {
  const position = c.peek().start;
  const op = parseOp(c);
  if (op === 'between' || op === 'not between') {
    const lo = parseOperand(c);
    c.expectWord('and', ` between the bounds of '${op}'`);
    return { op, operands: [lo, parseOperand(c)], position };
  }
  if (op === 'in' || op === 'not in') {
    const t = c.peek();
    if (t.kind === 'variable') {
      c.next();
      const v = c.variable(t);
      return { op, operands: (Array.isArray(v) ? v : [v]).map((s) => ({ k: 'str', v: s })), variable: t.text, position };
    }
    c.expectPunct('[', ` after '${op}'`);
    const operands: Raw[] = [];
    if (!c.isPunct(']')) {
      do operands.push(parseOperand(c));
      while (c.acceptPunct(','));
    }
    c.expectPunct(']', ' to close the list');
    if (!operands.length) throw new DqdlError(`The list after '${op}' is empty`, position);
    return { op, operands, position };
  }
  return { op, operands: [parseOperand(c)], position };
}

const NUMBER_OPS = new Set<string>(['=', '!=', '>', '>=', '<', '<=', 'between', 'not between', 'in', 'not in']);
const STRING_OPS = new Set<string>(['=', '!=', 'in', 'not in', 'matches', 'not matches']);
const ORDERING = new Set<string>(['>', '>=', '<', '<=', 'between', 'not between']);

/** Types a raw condition as the first of `kinds` it fits, or explains what the rule type expects. */
function typeCondition(raw: RawCondition, kinds: ConditionKind[]): Condition | undefined {
  const { op, operands } = raw;
  // `= NULL` alone reads as a string condition where strings are allowed, so string columns are never cast.
  const onlyNull = operands.every((o) => o.k === 'kw' && o.w === 'NULL') && kinds.includes('string');
  for (const kind of kinds) {
    if (kind === 'number' && !onlyNull && NUMBER_OPS.has(op) && operands.every((o) => o.k === 'num' || (o.k === 'kw' && o.w === 'NULL'))) {
      const nums = operands.map((o) => (o.k === 'num' ? o.e : ({ kind: 'null' } as NumExpr)));
      for (const n of nums) requireScalar(n, raw.position);
      return { type: 'number', op: op as NumberOp, operands: nums };
    }
    if (kind === 'date' && NUMBER_OPS.has(op)) {
      const hasNow = operands.some((o) => o.k === 'date');
      const dates = operands.map((o) =>
        o.k === 'date'
          ? o.e
          : o.k === 'str'
            ? dateFromString(o.v)
            : o.k === 'kw' && o.w === 'NULL'
              ? ({ kind: 'null' } as DateExpr)
              : undefined,
      );
      const onlyStrings = kinds.includes('string') && !hasNow && !ORDERING.has(op);
      if (dates.every((d) => d) && !onlyStrings) return { type: 'date', op: op as NumberOp, operands: dates as DateExpr[] };
    }
    if (kind === 'string' && STRING_OPS.has(op) && operands.every((o) => o.k === 'str' || o.k === 'kw')) {
      const strs: StringOperand[] = operands.map((o) =>
        o.k === 'str' ? { kind: 'string', value: o.v } : { kind: 'keyword', keyword: (o as { w: StringKeyword }).w },
      );
      if ((op === 'matches' || op === 'not matches') && strs[0].kind !== 'string') return undefined;
      return { type: 'string', op: op as StringOp, operands: strs, variable: raw.variable };
    }
    if (kind === 'duration' && NUMBER_OPS.has(op) && operands.every((o) => o.k === 'dur')) {
      return { type: 'duration', op: op as NumberOp, operands: operands.map((o) => (o as { d: Duration }).d) };
    }
    if (kind === 'size' && NUMBER_OPS.has(op)) {
      const sizes = operands.map((o) =>
        o.k === 'size'
          ? o.s
          : o.k === 'num' && o.e.kind === 'number'
            ? ({ amount: o.e.value, unit: 'B', implicit: true } as Size)
            : undefined,
      );
      if (sizes.every((s) => s)) return { type: 'size', op: op as NumberOp, operands: sizes as Size[] };
    }
  }
  return undefined;
}

const EXAMPLES: Record<ConditionKind, string> = {
  none: 'no condition',
  number: 'a number condition such as > 0.9, between 1 and 10 or in [1,2]',
  string: 'a string condition such as = "x", in ["a","b"] or matches "[a-z]+"',
  date: 'a date condition such as > (now() - 1 days) or between "2024-01-01" and "2024-12-31"',
  duration: 'a duration condition such as <= 24 hours or between 2 days and 5 days',
  size: 'a size condition such as < 5 MB',
};

export function expectedConditions(kinds: ConditionKind[]): string {
  return kinds
    .filter((k) => k !== 'none')
    .map((k) => EXAMPLES[k])
    .join(', or ');
}

const RETURN_TYPE: Record<ConditionKind, string> = {
  none: 'boolean',
  number: 'number',
  string: 'string',
  date: 'date',
  duration: 'duration',
  size: 'size',
};

/** Parses `op operands` for a rule type that accepts `kinds`. */
export function parseCondition(c: Cursor, kinds: ConditionKind[], ruleType: string): Condition {
  const raw = parseRaw(c);
  const typed = typeCondition(raw, kinds);
  if (!typed) {
    const rt = kinds
      .filter((k) => k !== 'none')
      .map((k) => RETURN_TYPE[k])
      .join(', ')
      .replace(/, ([^,]*)$/, ' or $1');
    throw new DqdlError(
      `Unexpected condition for rule of type ${ruleType} with ${rt} return type: expected ${expectedConditions(kinds)}`,
      raw.position,
    );
  }
  return typed;
}

/** `with threshold <number condition>`. */
export function parseNumberCondition(c: Cursor, what: string): Condition & { type: 'number' } {
  const raw = parseRaw(c);
  const typed = typeCondition(raw, ['number']);
  if (!typed) throw new DqdlError(`${what} must be a number condition such as > 0.9 or between 0.5 and 1`, raw.position);
  return typed as Condition & { type: 'number' };
}
