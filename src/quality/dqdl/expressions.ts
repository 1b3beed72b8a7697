// Number expressions (with dynamic-rule functions over history) and date expressions.
import type { DateExpr, DurationUnit, NumExpr } from './ast.js';
import { DqdlError, type Position } from './errors.js';
import type { Cursor } from './cursor.js';
import { LIST_FUNCTIONS, SCALAR_FUNCTIONS } from './rule-types.js';

export const DURATION_UNITS: DurationUnit[] = ['days', 'hours', 'minutes'];

/** Does a number expression start here? (`now()` and `(now() …)` are dates, not numbers.) */
export function startsNumExpr(c: Cursor): boolean {
  const t = c.peek();
  if (t.kind === 'number') return true;
  if (c.isPunct('-')) return true;
  if (c.isPunct('(')) return !c.isWord('now', 1);
  return t.kind === 'word' && c.isPunct('(', 1) && t.text !== 'now';
}

/** expr := term (('+'|'-') term)* ; term := factor (('*'|'/') factor)* */
export function parseNumExpr(c: Cursor): NumExpr {
  let left = parseTerm(c);
  while (c.isPunct('+') || c.isPunct('-')) {
    const op = c.next().text as '+' | '-';
    left = { kind: 'binary', op, left, right: parseTerm(c) };
  }
  return left;
}

function parseTerm(c: Cursor): NumExpr {
  let left = parseFactor(c);
  while (c.isPunct('*') || c.isPunct('/')) {
    const op = c.next().text as '*' | '/';
    left = { kind: 'binary', op, left, right: parseFactor(c) };
  }
  return left;
}

function parseFactor(c: Cursor): NumExpr {
  const t = c.peek();
  if (c.acceptPunct('-')) {
    const inner = parseFactor(c);
    // Keep "-100" a literal so it prints back as written.
    if (inner.kind === 'number') return { kind: 'number', value: -inner.value, text: `-${inner.text}` };
    return { kind: 'neg', expr: inner };
  }
  if (t.kind === 'number') {
    c.next();
    return { kind: 'number', value: Number(t.text), text: t.text };
  }
  if (c.acceptPunct('(')) {
    const expr = parseNumExpr(c);
    c.expectPunct(')', ' to close the parenthesis');
    return { kind: 'paren', expr };
  }
  if (c.isWord(['NULL', 'null'])) {
    c.next();
    return { kind: 'null' };
  }
  if (t.kind === 'word' && c.isPunct('(', 1)) {
    c.next();
    c.next();
    const name = t.text;
    const known = name === 'last' || LIST_FUNCTIONS.has(name) || SCALAR_FUNCTIONS.has(name);
    if (!known) {
      throw new DqdlError(
        `Unknown function ${name}(); dynamic rules can use last(k) reduced by avg, median, min, max, sum, std or index, and abs`,
        t.start,
      );
    }
    const args: NumExpr[] = [];
    if (!c.isPunct(')')) {
      do args.push(parseNumExpr(c));
      while (c.acceptPunct(','));
    }
    c.expectPunct(')', ` to close ${name}(`);
    const call: NumExpr = { kind: 'call', name, args };
    checkCall(call, t.start);
    return call;
  }
  return c.fail('a number, a parenthesised expression or a function such as avg(last(3))');
}

function checkCall(call: NumExpr & { kind: 'call' }, at: Position): void {
  const { name, args } = call;
  if (name === 'last') {
    if (args.length > 1) throw new DqdlError('last() takes at most one argument: last(k)', at);
    const k = args[0];
    if (k && !(k.kind === 'number' && Number.isInteger(k.value) && k.value >= 1)) {
      throw new DqdlError('last(k) needs a whole number k >= 1', at);
    }
    return;
  }
  if (SCALAR_FUNCTIONS.has(name)) {
    if (args.length !== 1) throw new DqdlError(`${name}() takes one argument`, at);
    if (isList(args[0])) throw new DqdlError(`${name}() takes a number; reduce last(…) first, e.g. ${name}(avg(last(3)))`, at);
    return;
  }
  const expected = name === 'index' ? 2 : 1;
  if (args.length !== expected || !isList(args[0])) {
    const example = name === 'index' ? 'index(last(3), 0)' : `${name}(last(3))`;
    throw new DqdlError(`${name}() takes a list of past values: ${example}`, at);
  }
  if (name === 'index' && isList(args[1])) throw new DqdlError('index(list, i) needs a number i', at);
}

export const isList = (e: NumExpr): boolean => e.kind === 'call' && e.name === 'last';

/** Rejects operands that are still lists: `RowCount > last(5)` must reduce the list first. */
export function requireScalar(e: NumExpr, at: Position): void {
  if (isList(e)) throw new DqdlError('last(k) gives a list of past values; reduce it with avg, median, min, max, sum, std or index', at);
}

/** date := "yyyy-MM-dd" | "9:30 AM" | "19:30" | now() | (now() ± N unit) | NULL; strings are classified by the caller. */
export function parseNowExpr(c: Cursor): DateExpr {
  if (c.isWord('now')) {
    c.next();
    c.expectPunct('(', ' after now');
    c.expectPunct(')', ' after now(');
    return { kind: 'now' };
  }
  c.expectPunct('(');
  c.expectWord('now', ' in a date expression such as (now() - 1 days)');
  c.expectPunct('(');
  c.expectPunct(')');
  const opTok = c.peek();
  if (!c.isPunct('-') && !c.isPunct('+')) c.fail("'+' or '-' after now()", opTok);
  const op = c.next().text as '+' | '-';
  const amount = Number(c.expectKind('number', 'a number of days, hours or minutes').text);
  const unitTok = c.peek();
  const unit = c.acceptWord(DURATION_UNITS);
  if (!unit) c.fail('a time unit: days, hours or minutes', unitTok);
  c.expectPunct(')', ' to close the date expression');
  return { kind: 'now-offset', op, amount, unit: unit.text as DurationUnit };
}

export const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
export const TIME_TEXT = /^(\d{1,2}:\d{2} (AM|PM)|\d{2}:\d{2})$/;

export function dateFromString(text: string): DateExpr | undefined {
  if (DATE_TEXT.test(text)) return { kind: 'date', text };
  if (TIME_TEXT.test(text)) return { kind: 'time', text };
  return undefined;
}
