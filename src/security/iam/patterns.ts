// IAM's wildcards: '*' matches any run of characters (also ':' and '/'), '?' any one character.
// Patterns are compiled to regular expressions once and cached, since every request matches the
// same few patterns again.
const cache = new Map<string, (s: string) => boolean>();

export function compilePattern(pattern: string, ignoreCase: boolean): (s: string) => boolean {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let m = cache.get(key);
  if (!m) {
    if (pattern === '*') m = () => true;
    else if (!/[*?]/.test(pattern)) {
      const p = ignoreCase ? pattern.toLowerCase() : pattern;
      m = ignoreCase ? (s) => s.toLowerCase() === p : (s) => s === p;
    } else {
      const source = pattern
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
