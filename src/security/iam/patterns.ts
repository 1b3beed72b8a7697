// IAM's wildcards: '*' matches any run of characters (also ':' and '/'), '?' any one character.
// Patterns are compiled once and cached, since every request matches the same few patterns again.
// '*'-only patterns are matched by their literal parts (prefix, suffix, the rest in order with
// indexOf): linear, where a regular expression for arn:aws:glue:*:*:table/x/* backtracks on every
// ':' and cost a 50-statement policy a quarter of a millisecond per request.
const cache = new Map<string, (s: string) => boolean>();

function literalParts(parts: string[]): (s: string) => boolean {
  const first = parts[0];
  const last = parts[parts.length - 1];
  const middle = parts.slice(1, -1).filter(Boolean);
  const min = parts.reduce((n, p) => n + p.length, 0);
  return (s) => {
    if (s.length < min || !s.startsWith(first) || !s.endsWith(last)) return false;
    let at = first.length;
    const end = s.length - last.length;
    for (const m of middle) {
      const i = s.indexOf(m, at);
      if (i < 0 || i + m.length > end) return false;
      at = i + m.length;
    }
    return true;
  };
}

export function compilePattern(pattern: string, ignoreCase: boolean): (s: string) => boolean {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let m = cache.get(key);
  if (!m) {
    const p = ignoreCase ? pattern.toLowerCase() : pattern;
    if (p === '*') m = () => true;
    else if (!p.includes('?')) {
      const match = literalParts(p.split('*'));
      m = ignoreCase ? (s) => match(s.toLowerCase()) : match;
    } else {
      const source = p
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.');
      const re = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
      m = (s) => re.test(s);
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(key, m);
  }
  return m;
}
