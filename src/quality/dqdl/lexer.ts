// DQDL tokens. Keywords are not token kinds: words are lexed as `word` and the parser decides by
// context, because DQDL lets bare column names (`Completeness of col_1 …`) sit where keywords may.
import { DqdlError, type Position } from './errors.js';

export type TokenKind = 'word' | 'number' | 'string' | 'variable' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The word, the number's digits, the string's unescaped value, the variable's name, or the punctuation. */
  text: string;
  start: Position;
  end: Position;
}

const PUNCT = ['!=', '>=', '<=', '=', '>', '<', '[', ']', '(', ')', '{', '}', ',', ':', '+', '-', '*', '/'];
const WORD = /[A-Za-z0-9_.]/;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let col = 1;
  const pos = (): Position => ({ offset: i, line, column: col });
  const advance = (n: number) => {
    for (let k = 0; k < n; k++) {
      if (source[i] === '\n') {
        line++;
        col = 1;
      } else col++;
      i++;
    }
  };
  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      advance(1);
      continue;
    }
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') advance(1);
      continue;
    }
    const start = pos();
    if (c === '"') {
      advance(1);
      let value = '';
      for (;;) {
        if (i >= source.length) throw new DqdlError('Unterminated string: expected a closing "', start);
        const ch = source[i];
        // DQDL's only escapes are \" and \\; any other backslash is kept as written (regexes need it).
        if (ch === '\\' && (source[i + 1] === '"' || source[i + 1] === '\\')) {
          value += source[i + 1];
          advance(2);
          continue;
        }
        if (ch === '"') {
          advance(1);
          break;
        }
        value += ch;
        advance(1);
      }
      tokens.push({ kind: 'string', text: value, start, end: pos() });
      continue;
    }
    if (c === '$') {
      advance(1);
      let name = '';
      while (i < source.length && WORD.test(source[i])) {
        name += source[i];
        advance(1);
      }
      if (!name) throw new DqdlError("Expected a variable name after '$'", start);
      tokens.push({ kind: 'variable', text: name, start, end: pos() });
      continue;
    }
    if (WORD.test(c)) {
      let text = '';
      while (i < source.length && WORD.test(source[i])) {
        text += source[i];
        advance(1);
      }
      const kind = /^\d+(\.\d+)?$/.test(text) || /^\.\d+$/.test(text) ? 'number' : 'word';
      tokens.push({ kind, text, start, end: pos() });
      continue;
    }
    const p = PUNCT.find((x) => source.startsWith(x, i));
    if (!p) throw new DqdlError(`Unexpected character '${c}'`, start);
    advance(p.length);
    tokens.push({ kind: 'punct', text: p, start, end: pos() });
  }
  tokens.push({ kind: 'eof', text: '', start: pos(), end: pos() });
  return tokens;
}
