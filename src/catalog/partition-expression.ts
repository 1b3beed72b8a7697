// GetPartitions' Expression, compiled once per call against the table's partition keys and then
// evaluated per partition over its values alone (never its document). Everything a caller can get
// wrong — a name that is not a partition key, a literal that is not of the key's type, LIKE on a
// number — is refused at compile time with InvalidInputException, before any partition is read.
// Evaluation follows SQL's three-valued logic: the Hive NULL partition (__HIVE_DEFAULT_PARTITION__)
// compares as unknown, and only partitions for which the expression is true are returned.
import { invalidInput, SluiceError } from '../kernel/errors.js';
import { parsePartitionExpression, type CmpOp, type ExprNode, type Operand } from './partition-expression-parser.js';
import {
  compareComparable,
  FAMILY_NOUN,
  HIVE_NULL,
  keyFamily,
  parseValue,
  type Comparable,
  type KeyFamily,
} from './partition-key-types.js';

export interface PartitionKey {
  Name: string;
  Type?: string;
}

export interface PartitionFilter {
  /** True when the values satisfy the expression; InvalidStateException if a stored value does not parse as its key's type. */
  matches(values: string[]): boolean;
  /**
   * The values the key at this position must take, when the expression as a whole requires it (a
   * top-level `k = 'x'` or `k IN (…)` on a string key), so the store can narrow its read first.
   */
  pinnedValues(keyIndex: number): string[] | undefined;
}

type Tri = boolean | null;
type Eval = (values: string[]) => Tri;
type Term = {
  family: KeyFamily | 'number';
  value: (values: string[]) => Comparable | null;
  constant?: Comparable;
  key?: string;
  pos: number;
};

const SUPPORTED = 'string, date, timestamp, int, bigint, long, tinyint, smallint, decimal';

export function compilePartitionExpression(expression: string, keys: PartitionKey[]): PartitionFilter {
  const tree = parsePartitionExpression(expression);
  const fail = (detail: string): never => {
    throw invalidInput(`Invalid partition expression: ${detail}`);
  };

  function keyTerm(op: Extract<Operand, { kind: 'key' }>): Term & { index: number } {
    const index = keys.findIndex((k) => k.Name.toLowerCase() === op.name.toLowerCase());
    // Glue's exact words for a name that is not a partition key (a data column included): clients match on them.
    if (index < 0) throw invalidInput('Invalid partition expression!');
    const key = keys[index];
    const family = keyFamily(key.Type);
    if (!family)
      return fail(`Unknown type '${key.Type}' of partition key ${key.Name} at position ${op.pos}; supported types are ${SUPPORTED}.`);
    const value = (values: string[]): Comparable | null => {
      const raw = values[index];
      if (raw === undefined || raw === HIVE_NULL) return null;
      const parsed = parseValue(family, raw);
      if (parsed === undefined) {
        // The catalog holds a value its own key type rejects: the table's state is wrong, not the request.
        throw new SluiceError('InvalidStateException', `Partition value '${raw}' of key ${key.Name} is not ${FAMILY_NOUN[family]}.`);
      }
      return parsed;
    };
    return { family, value, key: key.Name, pos: op.pos, index };
  }

  /** A literal read as the type of the key it is compared with (or as itself when compared with a literal). */
  function literalTerm(op: Extract<Operand, { kind: 'literal' }>, as?: Term): Term {
    if (op.type === 'date' || op.type === 'timestamp') {
      if (parseValue(op.type, op.text) === undefined) fail(`'${op.text}' at position ${op.pos} is not ${FAMILY_NOUN[op.type]}.`);
    }
    const family: Term['family'] = as ? as.family : op.type === 'number' ? 'number' : 'string';
    const parsed = family === 'number' ? parseValue('decimal', op.text) : parseValue(family, op.text);
    if (parsed === undefined) {
      fail(`'${op.text}' at position ${op.pos} is not ${FAMILY_NOUN[family as KeyFamily]}, as partition key ${as?.key} requires.`);
    }
    return { family, value: () => parsed!, constant: parsed, pos: op.pos };
  }

  function terms(a: Operand, b: Operand): [Term, Term] {
    if (a.kind === 'key' && b.kind === 'key') {
      const [x, y] = [keyTerm(a), keyTerm(b)];
      const numeric = (t: Term) => t.family === 'integer' || t.family === 'decimal';
      if (x.family !== y.family && !(numeric(x) && numeric(y))) {
        fail(`cannot compare partition key ${x.key} (${x.family}) with ${y.key} (${y.family}) at position ${a.pos}.`);
      }
      return [x, y];
    }
    if (a.kind === 'key') {
      const x = keyTerm(a);
      return [x, literalTerm(b as Extract<Operand, { kind: 'literal' }>, x)];
    }
    if (b.kind === 'key') {
      const y = keyTerm(b);
      return [literalTerm(a, y), y];
    }
    const [x, y] = [literalTerm(a), literalTerm(b)];
    if ((x.family === 'number') !== (y.family === 'number')) fail(`cannot compare a number with text at position ${a.pos}.`);
    return [x, y];
  }

  const OPS: Record<CmpOp, (c: number) => boolean> = {
    '=': (c) => c === 0,
    '<>': (c) => c !== 0,
    '<': (c) => c < 0,
    '>': (c) => c > 0,
    '<=': (c) => c <= 0,
    '>=': (c) => c >= 0,
  };

  function comparison(a: Operand, op: CmpOp, b: Operand): Eval {
    const [x, y] = terms(a, b);
    const test = OPS[op];
    return (values) => {
      const l = x.value(values);
      const r = y.value(values);
      return l === null || r === null ? null : test(compareComparable(l, r));
    };
  }

  function like(node: Extract<ExprNode, { kind: 'like' }>): Eval {
    const { operand, pattern } = node;
    if (pattern.kind !== 'literal' || pattern.type !== 'string')
      fail(`LIKE at position ${node.pos} needs a quoted pattern such as '2024-%'.`);
    let value: (values: string[]) => Comparable | null = () => (operand.kind === 'literal' ? operand.text : null);
    if (operand.kind === 'key') {
      const t = keyTerm(operand);
      if (t.family !== 'string') {
        const noun = t.family === 'integer' ? 'Integral' : t.family[0].toUpperCase() + t.family.slice(1);
        fail(`${noun} data type doesn't support operation 'LIKE' (partition key ${t.key}, position ${node.pos}).`);
      }
      value = t.value;
    }
    // % is any run of characters and _ exactly one; everything else matches itself, case-sensitively.
    const source = (pattern as { text: string }).text.replace(/[.*+?^${}()|[\]\\%_]/g, (ch) =>
      ch === '%' ? '.*' : ch === '_' ? '.' : `\\${ch}`,
    );
    const re = new RegExp(`^${source}$`, 'su');
    return (values) => {
      const v = value(values);
      return v === null ? null : re.test(v as string);
    };
  }

  const not =
    (e: Eval): Eval =>
    (values) => {
      const v = e(values);
      return v === null ? null : !v;
    };
  const all =
    (es: Eval[]): Eval =>
    (values) => {
      let unknown = false;
      for (const e of es) {
        const v = e(values);
        if (v === false) return false;
        if (v === null) unknown = true;
      }
      return unknown ? null : true;
    };
  const any =
    (es: Eval[]): Eval =>
    (values) => {
      let unknown = false;
      for (const e of es) {
        const v = e(values);
        if (v === true) return true;
        if (v === null) unknown = true;
      }
      return unknown ? null : false;
    };

  function compile(node: ExprNode): Eval {
    switch (node.kind) {
      case 'and':
        return all([compile(node.left), compile(node.right)]);
      case 'or':
        return any([compile(node.left), compile(node.right)]);
      case 'not':
        return not(compile(node.expr));
      case 'cmp':
        return comparison(node.left, node.op, node.right);
      case 'like':
        return node.negated ? not(like(node)) : like(node);
      case 'in': {
        const e = any(node.list.map((item) => comparison(node.operand, '=', item)));
        return node.negated ? not(e) : e;
      }
      case 'between': {
        const e = all([comparison(node.operand, '>=', node.low), comparison(node.operand, '<=', node.high)]);
        return node.negated ? not(e) : e;
      }
      case 'isnull': {
        // A literal is never NULL; a stored value that does not parse is still a value: only Hive's NULL is NULL.
        if (node.operand.kind === 'literal') return () => node.negated;
        const { index } = keyTerm(node.operand);
        return (values) => (values[index] === undefined || values[index] === HIVE_NULL) !== node.negated;
      }
    }
  }

  const evaluate = compile(tree);
  return { matches: (values) => evaluate(values) === true, pinnedValues: (i) => pinnedKeyValues(tree, keys, i) };
}

/** The values a top-level conjunct pins the key at keyIndex to, if it is a string key (text equality is exact). */
function pinnedKeyValues(tree: ExprNode, keys: PartitionKey[], keyIndex: number): string[] | undefined {
  const key = keys[keyIndex];
  if (!key || keyFamily(key.Type) !== 'string') return undefined;
  const isFirst = (o: Operand) => o.kind === 'key' && o.name.toLowerCase() === key.Name.toLowerCase();
  const text = (o: Operand) => (o.kind === 'literal' ? o.text : undefined);
  const conjuncts: ExprNode[] = [];
  const walk = (n: ExprNode): void => {
    if (n.kind !== 'and') return void conjuncts.push(n);
    walk(n.left);
    walk(n.right);
  };
  walk(tree);
  for (const c of conjuncts) {
    if (c.kind === 'cmp' && c.op === '=') {
      if (isFirst(c.left) && text(c.right) !== undefined) return [text(c.right)!];
      if (isFirst(c.right) && text(c.left) !== undefined) return [text(c.left)!];
    }
    if (c.kind === 'in' && !c.negated && isFirst(c.operand) && c.list.every((o) => o.kind === 'literal')) {
      return c.list.map((o) => text(o)!);
    }
  }
  return undefined;
}
