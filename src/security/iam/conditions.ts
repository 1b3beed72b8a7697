// IAM condition operators Sluice evaluates. A policy using another operator is refused when it is
// declared (compileCondition throws), so no condition is ever skipped. Semantics as IAM documents
// them: values of one key are ORed, keys and operators are ANDed (the evaluator ANDs the compiled
// conditions), a missing key fails the condition unless the operator ends in IfExists — and the
// negated operators (StringNotEquals, NotIpAddress …) hold for a missing key.
import { BlockList, isIP } from 'node:net';
import { compilePattern } from './patterns.js';

/** The request's condition keys, lower-cased names ('aws:sourceip') → value(s). */
export type ConditionContext = ReadonlyMap<string, string | string[]>;

export interface CompiledCondition {
  text: string;
  test(ctx: ConditionContext): boolean;
}

type Test = (actual: string, expected: string[]) => boolean;

const stringTests: Record<string, Test> = {
  StringEquals: (a, e) => e.includes(a),
  StringNotEquals: (a, e) => !e.includes(a),
  StringEqualsIgnoreCase: (a, e) => e.some((x) => x.toLowerCase() === a.toLowerCase()),
  StringNotEqualsIgnoreCase: (a, e) => !e.some((x) => x.toLowerCase() === a.toLowerCase()),
  StringLike: (a, e) => e.some((x) => compilePattern(x, false)(a)),
  StringNotLike: (a, e) => !e.some((x) => compilePattern(x, false)(a)),
  ArnEquals: (a, e) => e.includes(a),
  ArnNotEquals: (a, e) => !e.includes(a),
  ArnLike: (a, e) => e.some((x) => compilePattern(x, false)(a)),
  ArnNotLike: (a, e) => !e.some((x) => compilePattern(x, false)(a)),
  Bool: (a, e) => e.some((x) => x.toLowerCase() === a.toLowerCase()),
  NumericEquals: (a, e) => e.some((x) => Number(a) === Number(x)),
  NumericNotEquals: (a, e) => !e.some((x) => Number(a) === Number(x)),
  NumericLessThan: (a, e) => e.some((x) => Number(a) < Number(x)),
  NumericLessThanEquals: (a, e) => e.some((x) => Number(a) <= Number(x)),
  NumericGreaterThan: (a, e) => e.some((x) => Number(a) > Number(x)),
  NumericGreaterThanEquals: (a, e) => e.some((x) => Number(a) >= Number(x)),
  DateLessThan: (a, e) => e.some((x) => dateOf(a) < dateOf(x)),
  DateLessThanEquals: (a, e) => e.some((x) => dateOf(a) <= dateOf(x)),
  DateGreaterThan: (a, e) => e.some((x) => dateOf(a) > dateOf(x)),
  DateGreaterThanEquals: (a, e) => e.some((x) => dateOf(a) >= dateOf(x)),
};

const NEGATED = /Not(Equals|Like|IpAddress|EqualsIgnoreCase)$/;

/** ISO dates or epoch seconds, as IAM accepts both. */
const dateOf = (s: string) => (/^\d+$/.test(s) ? Number(s) * 1000 : Date.parse(s));

function ipTest(label: string, values: string[]): Test {
  const list = new BlockList();
  for (const v of values) {
    const [addr, bits] = v.split('/');
    const family = isIP(addr);
    if (!family) throw new Error(`${label}: '${v}' is not an IP address or CIDR block`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    list.addSubnet(addr, bits === undefined ? (family === 4 ? 32 : 128) : Number(bits), type);
  }
  return (actual) => {
    const a = actual.startsWith('::ffff:') && isIP(actual.slice(7)) === 4 ? actual.slice(7) : actual;
    const family = isIP(a);
    return family !== 0 && list.check(a, family === 4 ? 'ipv4' : 'ipv6');
  };
}

export function compileCondition(label: string, operator: string, key: string, raw: unknown): CompiledCondition {
  if (/^For(AnyValue|AllValues):/.test(operator)) throw new Error(`${label}: set operators (${operator}) are not supported by Sluice`);
  const ifExists = operator.endsWith('IfExists');
  const base = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
  const expected = (Array.isArray(raw) ? raw : [raw]).map(String);
  let test: Test | undefined = stringTests[base];
  if (base === 'IpAddress') {
    const t = ipTest(label, expected);
    test = (a) => t(a, expected);
  } else if (base === 'NotIpAddress') {
    const t = ipTest(label, expected);
    test = (a) => !t(a, expected);
  }
  if (base === 'Null') {
    const wantNull = expected[0]?.toLowerCase() === 'true';
    const name = key.toLowerCase();
    return { text: `${operator} ${key}`, test: (ctx) => (ctx.get(name) === undefined) === wantNull };
  }
  if (!test) throw new Error(`${label}: condition operator ${operator} is not supported by Sluice`);
  const name = key.toLowerCase();
  const negated = NEGATED.test(base);
  const t = test;
  return {
    text: `${operator} ${key} ${JSON.stringify(raw)}`,
    test(ctx) {
      const actual = ctx.get(name);
      if (actual === undefined) return ifExists || negated;
      const values = Array.isArray(actual) ? actual : [actual];
      return values.some((v) => t(v, expected));
    },
  };
}
