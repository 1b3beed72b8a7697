// The syntax of GetPartitions' Expression: a SQL WHERE clause over partition keys (Glue parses it
// with JSQLParser). A tokeniser and a recursive-descent parser produce a small tree; what the names
// and literals mean is decided in partition-expression.ts. Positions are 1-based character offsets,
// so a message can point at the place in the expression a person typed.
import { invalidInput } from '../kernel/errors.js';

export type Operand =
  | { kind: 'key'; name: string; pos: number }
  | { kind: 'literal'; text: string; type: 'string' | 'number' | 'date' | 'timestamp'; pos: number };

export type CmpOp = '=' | '<>' | '<' | '>' | '<=' | '>=';

export type ExprNode =
  | { kind: 'and' | 'or'; left: ExprNode; right: ExprNode }
  | { kind: 'not'; expr: ExprNode }
  | { kind: 'cmp'; op: CmpOp; left: Operand; right: Operand; pos: number }
  | { kind: 'in'; operand: Operand; list: Operand[]; negated: boolean }
  | { kind: 'between'; operand: Operand; low: Operand; high: Operand; negated: boolean }
  | { kind: 'like'; operand: Operand; pattern: Operand; negated: boolean; pos: number }
  | { kind: 'isnull'; operand: Operand; negated: boolean };

type Token =
  | { t: 'ident'; v: string; pos: number; quoted: boolean }
  | { t: 'string' | 'number' | 'sym'; v: string; pos: number }
  | { t: 'end'; v: ''; pos: number };

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'BETWEEN', 'LIKE', 'IS', 'NULL']);
const SYMBOLS = ['<>', '!=', '<=', '>=', '=', '<', '>', '(', ')', ',', '-', '+'];

export function syntaxError(expression: string, message: string): Error {
  return invalidInput(`Unsupported expression '${expression}': ${message}`);
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (msg: string, at: number): never => {
    throw syntaxError(src, `${msg} at position ${at + 1}.`);
  };
  // Quoted text with the closing quote doubled as its escape: 'it''s', "my ""key""", `a``b`.
  const quoted = (q: string): string => {
    const start = i;
    let out = '';
    i++;
    for (;;) {
      if (i >= src.length) fail(`unterminated ${q === "'" ? 'string' : 'quoted name'} starting`, start);
      if (src[i] === q) {
        if (src[i + 1] !== q) return (i++, out);
        out += q;
        i += 2;
      } else out += src[i++];
    }
  };
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i + 1;
    if (c === "'") tokens.push({ t: 'string', v: quoted("'"), pos });
    else if (c === '"' || c === '`') tokens.push({ t: 'ident', v: quoted(c), pos, quoted: true });
    else if (/[0-9.]/.test(c) && NUMBER.test(src.slice(i))) {
      const m = NUMBER.exec(src.slice(i))![0];
      i += m.length;
      if (/^[A-Za-z_]/.test(src.slice(i))) fail(`unexpected '${src[i]}' after the number ${m}`, i);
      tokens.push({ t: 'number', v: m, pos });
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(src.slice(i))![0];
      i += m.length;
      tokens.push({ t: 'ident', v: m, pos, quoted: false });
    } else {
      const sym = SYMBOLS.find((s) => src.startsWith(s, i));
      if (!sym) return fail(`unexpected character '${c}'`, i);
      i += sym.length;
      tokens.push({ t: 'sym', v: sym === '!=' ? '<>' : sym, pos });
    }
  }
  tokens.push({ t: 'end', v: '', pos: src.length + 1 });
  return tokens;
}

/** A number literal, with an optional exponent (3e10), as Glue's expressions take them. */
const NUMBER = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/;

/** Parses the expression into a tree; InvalidInputException naming the position on bad syntax. */
export function parsePartitionExpression(src: string): ExprNode {
  const tokens = tokenize(src);
  let k = 0;
  const peek = () => tokens[k];
  const isKw = (tok: Token, kw: string) => tok.t === 'ident' && !tok.quoted && tok.v.toUpperCase() === kw;
  const isSym = (tok: Token, s: string) => tok.t === 'sym' && tok.v === s;
  const describe = (tok: Token) => (tok.t === 'end' ? 'the end of the expression' : `'${tok.v}'`);
  const fail = (expected: string, tok: Token = peek()): never => {
    throw syntaxError(src, `expected ${expected} at position ${tok.pos}, found ${describe(tok)}.`);
  };
  const acceptKw = (kw: string) => (isKw(peek(), kw) ? (k++, true) : false);
  const expectKw = (kw: string) => acceptKw(kw) || fail(kw);
  const expectSym = (s: string) => (isSym(peek(), s) ? k++ : fail(`'${s}'`));

  function operand(): Operand {
    const tok = peek();
    // A parenthesised operand, '(int_col) = ((2))', is the operand itself.
    if (isSym(tok, '(')) {
      k++;
      const inner = operand();
      expectSym(')');
      return inner;
    }
    if (tok.t === 'string') return (k++, { kind: 'literal', text: tok.v, type: 'string', pos: tok.pos });
    if (tok.t === 'number') return (k++, { kind: 'literal', text: tok.v, type: 'number', pos: tok.pos });
    if (tok.t === 'sym' && (tok.v === '-' || tok.v === '+')) {
      const num = tokens[k + 1];
      if (num.t !== 'number') return fail('a number', num);
      k += 2;
      return { kind: 'literal', text: tok.v === '-' ? `-${num.v}` : num.v, type: 'number', pos: tok.pos };
    }
    if (tok.t === 'ident') {
      // DATE '2024-01-01' and TIMESTAMP '…' are typed literals, as in SQL.
      const typed = !tok.quoted && ['DATE', 'TIMESTAMP'].includes(tok.v.toUpperCase()) && tokens[k + 1].t === 'string';
      if (typed) {
        k += 2;
        return { kind: 'literal', text: tokens[k - 1].v, type: tok.v.toLowerCase() as 'date' | 'timestamp', pos: tok.pos };
      }
      if (!tok.quoted && KEYWORDS.has(tok.v.toUpperCase())) return fail('a partition key or a value', tok);
      k++;
      return { kind: 'key', name: tok.v, pos: tok.pos };
    }
    return fail('a partition key or a value', tok);
  }

  function predicate(): ExprNode {
    const left = operand();
    const tok = peek();
    if (tok.t === 'sym' && ['=', '<>', '<', '>', '<=', '>='].includes(tok.v)) {
      k++;
      return { kind: 'cmp', op: tok.v as CmpOp, left, right: operand(), pos: tok.pos };
    }
    if (acceptKw('IS')) {
      const negated = acceptKw('NOT');
      expectKw('NULL');
      return { kind: 'isnull', operand: left, negated };
    }
    const negated = acceptKw('NOT');
    const opTok = peek();
    if (acceptKw('IN')) {
      expectSym('(');
      const list = [operand()];
      while (isSym(peek(), ',')) {
        k++;
        list.push(operand());
      }
      expectSym(')');
      return { kind: 'in', operand: left, list, negated };
    }
    if (acceptKw('BETWEEN')) {
      const low = operand();
      expectKw('AND');
      return { kind: 'between', operand: left, low, high: operand(), negated };
    }
    if (acceptKw('LIKE')) return { kind: 'like', operand: left, pattern: operand(), negated, pos: opTok.pos };
    return fail(negated ? 'IN, BETWEEN or LIKE' : 'a comparison operator (=, <>, !=, <, >, <=, >=, IN, BETWEEN, LIKE, IS)', opTok);
  }

  function primary(): ExprNode {
    if (acceptKw('NOT')) return { kind: 'not', expr: primary() };
    if (isSym(peek(), '(')) {
      // '(' opens a group or a parenthesised operand ('(a) = 1'): try the group first.
      const start = k;
      try {
        k++;
        const inner = or();
        expectSym(')');
        return inner;
      } catch (e) {
        k = start;
        try {
          return predicate();
        } catch {
          throw e;
        }
      }
    }
    return predicate();
  }

  /** AND / OR, also written in parentheses ('a = 1 (OR) a = 2'), which Glue's grammar allows. */
  function acceptJoin(kw: string): boolean {
    if (acceptKw(kw)) return true;
    if (isSym(peek(), '(') && k + 2 < tokens.length && isKw(tokens[k + 1], kw) && isSym(tokens[k + 2], ')')) return ((k += 3), true);
    return false;
  }

  function and(): ExprNode {
    let node = primary();
    while (acceptJoin('AND')) node = { kind: 'and', left: node, right: primary() };
    return node;
  }

  function or(): ExprNode {
    let node = and();
    while (acceptJoin('OR')) node = { kind: 'or', left: node, right: and() };
    return node;
  }

  if (peek().t === 'end') fail('a condition');
  const tree = or();
  if (peek().t !== 'end') fail('AND, OR or the end of the expression');
  return tree;
}
