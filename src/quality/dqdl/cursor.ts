// A cursor over DQDL tokens with the small vocabulary the recursive-descent parser needs. Every
// failure names what was expected and what was found, at the found token's line and column.
import { distance } from 'fastest-levenshtein';
import { DqdlError } from './errors.js';
import type { Token } from './lexer.js';

/** DQDL's keywords, for "did you mean" when a word found is a typo of one. */
const KEYWORDS = ['between', 'not', 'in', 'matches', 'where', 'with', 'threshold', 'labels', 'and', 'or', 'of'];

/** The keyword a word is a likely typo of (`betwen`, `Where`); undefined for keywords themselves. */
export function keywordHint(word: string): string | undefined {
  if (KEYWORDS.includes(word) || word === 'AND' || word === 'OR' || word === 'OF') return undefined;
  const lower = word.toLowerCase();
  let best: { k: string; d: number } | undefined;
  for (const k of KEYWORDS) {
    const d = distance(lower, k);
    if (!best || d < best.d) best = { k, d };
  }
  return best && best.d <= Math.min(2, Math.floor(best.k.length / 2)) ? best.k : undefined;
}

export function describeToken(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'the end of the ruleset';
    case 'string':
      return `"${t.text.length > 40 ? `${t.text.slice(0, 40)}…` : t.text}"`;
    case 'variable':
      return `$${t.text}`;
    default:
      return `'${t.text}'`;
  }
}

export class Cursor {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    /** Constants declared in the document, resolved where `$name` is used. */
    readonly variables: Record<string, string | string[]> = {},
  ) {}

  peek(k = 0): Token {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)];
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  isPunct(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'punct' && t.text === text;
  }

  /** Words are case-sensitive, as in DQDL; pass both spellings where the grammar allows both. */
  isWord(words: string | string[], k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' && (typeof words === 'string' ? t.text === words : words.includes(t.text));
  }

  acceptPunct(text: string): boolean {
    if (!this.isPunct(text)) return false;
    this.next();
    return true;
  }

  acceptWord(words: string | string[]): Token | undefined {
    return this.isWord(words) ? this.next() : undefined;
  }

  expectPunct(text: string, context = ''): Token {
    if (!this.isPunct(text)) this.fail(`'${text}'${context}`);
    return this.next();
  }

  expectWord(word: string, context = ''): Token {
    if (!this.isWord(word)) this.fail(`'${word}'${context}`);
    return this.next();
  }

  expectKind(kind: Token['kind'], what: string): Token {
    if (this.peek().kind !== kind) this.fail(what);
    return this.next();
  }

  /** A quoted string, or a $variable holding one. */
  expectString(what: string): string {
    const t = this.peek();
    if (t.kind === 'variable') return this.stringVariable();
    return this.expectKind('string', what).text;
  }

  stringVariable(): string {
    const t = this.next();
    const v = this.variable(t);
    if (typeof v !== 'string') throw new DqdlError(`Variable $${t.text} holds a list; a single string is expected here`, t.start);
    return v;
  }

  variable(t: Token): string | string[] {
    const v = this.variables[t.text];
    if (v === undefined) throw new DqdlError(`Variable $${t.text} is not declared (declare it before the rules: ${t.text} = "…")`, t.start);
    return v;
  }

  fail(expected: string, at: Token = this.peek()): never {
    const hint = at.kind === 'word' ? keywordHint(at.text) : undefined;
    throw new DqdlError(`Expected ${expected} but found ${describeToken(at)}${hint ? ` (did you mean ${hint}?)` : ''}`, at.start);
  }
}
