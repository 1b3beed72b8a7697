// Alarm `match` patterns: `*` matches any run of characters, `?` one, everything else itself
// (case-insensitive, as Glue names are).
const cache = new Map<string, RegExp>();

export function globMatch(pattern: string, subject: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 'i');
    cache.set(pattern, re);
  }
  return re.test(subject);
}
