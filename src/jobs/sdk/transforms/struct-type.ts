// Reading DuckDB type names: the fields of a STRUCT(...) and the element type of a list.

/** Field names of 'STRUCT(a INTEGER, "b c" VARCHAR)' → ['a', 'b c']; [] for other types. */
export function structFields(type: string): string[] {
  return structMembers(type).map((m) => m.name);
}

export function structMembers(type: string): { name: string; type: string }[] {
  const m = /^STRUCT\((.*)\)$/is.exec(type.trim());
  if (!m) return [];
  return splitTop(m[1]).map((f) => {
    const q = /^("(?:[^"]|"")*"|\S+)\s+(.*)$/s.exec(f.trim())!;
    return { name: q[1].startsWith('"') ? q[1].slice(1, -1).replaceAll('""', '"') : q[1], type: q[2] };
  });
}

export const isList = (type: string) => type.trim().endsWith('[]');
export const listElement = (type: string) => type.trim().slice(0, -2);
export const isStruct = (type: string) => /^STRUCT\(/i.test(type.trim());

/** Splits a type's member list at the commas outside parentheses and quotes. */
export function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === ',') {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out.map((x) => x.trim()).filter(Boolean);
}
