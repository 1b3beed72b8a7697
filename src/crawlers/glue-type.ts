// Column types as the crawler reasons about them, and their Glue (Hive) spelling: `bigint`,
// `struct<a:int,b:array<string>>`, `map<string,double>`. Inference works on the tree; the catalog
// stores the string, which parseGlueType reads back when a crawl compares or merges schemas.

export type GlueType =
  | { kind: 'null' }
  | { kind: 'prim'; name: string }
  | { kind: 'struct'; fields: [string, GlueType][] }
  | { kind: 'array'; element: GlueType }
  | { kind: 'map'; key: GlueType; value: GlueType };

export const NULL: GlueType = { kind: 'null' };
export const prim = (name: string): GlueType => ({ kind: 'prim', name });
export const STRING = prim('string');

export function renderType(t: GlueType): string {
  switch (t.kind) {
    case 'null':
      return 'string';
    case 'prim':
      return t.name;
    case 'struct':
      return `struct<${t.fields.map(([n, f]) => `${n}:${renderType(f)}`).join(',')}>`;
    case 'array':
      return `array<${renderType(t.element)}>`;
    case 'map':
      return `map<${renderType(t.key)},${renderType(t.value)}>`;
  }
}

// Integers widen to the wider integer, integers and fractions to double; anything else that
// disagrees can only be read as a string.
const NUMERIC_RANK: Record<string, number> = { tinyint: 1, smallint: 2, int: 3, bigint: 4, float: 5, double: 6 };

function mergePrim(a: string, b: string): string {
  if (a === b) return a;
  const ra = NUMERIC_RANK[a];
  const rb = NUMERIC_RANK[b];
  if (ra && rb) return ra >= 5 || rb >= 5 ? 'double' : ra > rb ? a : b;
  if (a.startsWith('decimal') && (rb || b.startsWith('decimal'))) return 'double';
  if (b.startsWith('decimal') && ra) return 'double';
  return 'string';
}

export function mergeTypes(a: GlueType, b: GlueType): GlueType {
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (a.kind === 'prim' && b.kind === 'prim') return prim(mergePrim(a.name, b.name));
  if (a.kind === 'struct' && b.kind === 'struct') return { kind: 'struct', fields: mergeFields(a.fields, b.fields) };
  if (a.kind === 'array' && b.kind === 'array') return { kind: 'array', element: mergeTypes(a.element, b.element) };
  // A value beside arrays of such values (an XML element repeated in some rows only) is an array.
  if (a.kind === 'array' && b.kind !== 'map') return { kind: 'array', element: mergeTypes(a.element, b) };
  if (b.kind === 'array' && a.kind !== 'map') return { kind: 'array', element: mergeTypes(a, b.element) };
  if (a.kind === 'map' && b.kind === 'map') return { kind: 'map', key: mergeTypes(a.key, b.key), value: mergeTypes(a.value, b.value) };
  return STRING;
}

/** Fields of a first, in order, then b's new ones; same-named fields (case-insensitively) merge. */
export function mergeFields(a: [string, GlueType][], b: [string, GlueType][]): [string, GlueType][] {
  const out = a.map(([n, t]) => [n, t] as [string, GlueType]);
  const index = new Map(out.map(([n], i) => [n.toLowerCase(), i]));
  for (const [n, t] of b) {
    const i = index.get(n.toLowerCase());
    if (i === undefined) {
      index.set(n.toLowerCase(), out.length);
      out.push([n, t]);
    } else out[i] = [out[i][0], mergeTypes(out[i][1], t)];
  }
  return out;
}

/** Adds what b has and a lacks (fields, nested fields), never changing a type a already has. */
export function addNewFields(a: GlueType, b: GlueType): GlueType {
  if (a.kind === 'struct' && b.kind === 'struct') {
    const out = a.fields.map(([n, t]) => [n, t] as [string, GlueType]);
    for (const [n, t] of b.fields) {
      const i = out.findIndex(([m]) => m.toLowerCase() === n.toLowerCase());
      if (i < 0) out.push([n, t]);
      else out[i] = [out[i][0], addNewFields(out[i][1], t)];
    }
    return { kind: 'struct', fields: out };
  }
  if (a.kind === 'array' && b.kind === 'array') return { kind: 'array', element: addNewFields(a.element, b.element) };
  return a;
}

/** Reads a Glue type string; unknown primitive spellings (decimal(10,2), varchar(20)) are kept verbatim. */
export function parseGlueType(text: string): GlueType {
  let i = 0;
  const peek = () => text[i];
  const readName = (stops: string) => {
    const start = i;
    let depth = 0;
    while (i < text.length && (depth > 0 || !stops.includes(text[i]))) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')') depth--;
      i++;
    }
    return text.slice(start, i).trim();
  };
  const expect = (c: string) => {
    if (text[i] !== c) throw new Error(`expected '${c}' at ${i} in type ${text}`);
    i++;
  };
  const type = (): GlueType => {
    const name = readName('<>,:').toLowerCase();
    if (peek() !== '<') return prim(name);
    expect('<');
    let t: GlueType;
    if (name === 'array') t = { kind: 'array', element: type() };
    else if (name === 'map') {
      const key = type();
      expect(',');
      t = { kind: 'map', key, value: type() };
    } else if (name === 'struct') {
      const fields: [string, GlueType][] = [];
      while (peek() !== '>') {
        const field = readName(':');
        expect(':');
        fields.push([field, type()]);
        if (peek() === ',') i++;
      }
      t = { kind: 'struct', fields };
    } else throw new Error(`unknown type constructor ${name}<…> in ${text}`);
    expect('>');
    return t;
  };
  try {
    const t = type();
    return i === text.length ? t : prim(text.trim().toLowerCase());
  } catch {
    return prim(text.trim().toLowerCase());
  }
}
