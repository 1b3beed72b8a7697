// Glue's exclude-pattern globs, matched against an object's key relative to the include path:
// `*` and `?` stay inside one name component, `**` crosses '/', `[…]`/`[!…]` are bracket
// expressions (with `*`, `?` and `\` literal inside), `{a,b}` alternates (no nesting), `\` escapes.
import { invalidInput } from '../kernel/errors.js';

const escapeRe = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function bracket(glob: string, start: number): { re: string; end: number } {
  let i = start + 1;
  let negate = false;
  if (glob[i] === '!') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  for (; i < glob.length; i++) {
    const c = glob[i];
    if (c === ']' && !first) return { re: `[${negate ? '^' : ''}${body}${negate ? '/' : ''}]`, end: i };
    // A '-' between two characters is a range; anywhere else it is literal.
    body += c === '-' && !first && glob[i + 1] !== ']' ? '-' : escapeRe(c);
    first = false;
  }
  throw invalidInput(`Exclusion pattern '${glob}' has a '[' without its ']'`);
}

export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inGroup = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      if (i + 1 >= glob.length) throw invalidInput(`Exclusion pattern '${glob}' ends with an escape character`);
      re += escapeRe(glob[++i]);
    } else if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const b = bracket(glob, i);
      re += b.re;
      i = b.end;
    } else if (c === '{') {
      if (inGroup) throw invalidInput(`Exclusion pattern '${glob}' nests '{' groups, which globs do not allow`);
      inGroup = true;
      re += '(?:';
    } else if (c === '}' && inGroup) {
      inGroup = false;
      re += ')';
    } else if (c === ',' && inGroup) re += '|';
    else re += escapeRe(c);
  }
  if (inGroup) throw invalidInput(`Exclusion pattern '${glob}' has a '{' without its '}'`);
  return new RegExp(`^${re}$`, 's');
}

/** A predicate telling whether a key relative to the include path is excluded. */
export function exclusionMatcher(patterns: string[] | undefined): (relativeKey: string) => boolean {
  const res = (patterns ?? []).filter((p) => p.trim() !== '').map(globToRegExp);
  if (!res.length) return () => false;
  return (key) => res.some((r) => r.test(key));
}
