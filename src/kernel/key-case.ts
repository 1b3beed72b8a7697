// Member names between Sluice's camelCase working types and the PascalCase of Glue documents, for
// the Sluice-only members a document carries beside Glue's (a crawl's progress and counts). Only
// plain objects and arrays are walked; values (strings, numbers, dates) are kept as they are.

/** T with every member name capitalised, nested objects and arrays too. */
export type Pascal<T> = T extends readonly (infer U)[]
  ? Pascal<U>[]
  : T extends Date
    ? T
    : T extends object
      ? { [K in keyof T as Capitalize<K & string>]: Pascal<T[K]> }
      : T;

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

function rename(v: unknown, key: (k: string) => string): unknown {
  if (Array.isArray(v)) return v.map((x) => rename(x, key));
  if (!isPlain(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [key(k), rename(x, key)]));
}

export const pascalKeys = <T>(v: T): Pascal<T> => rename(v, (k) => k.charAt(0).toUpperCase() + k.slice(1)) as Pascal<T>;
export const camelKeys = <T>(v: Pascal<T>): T => rename(v, (k) => k.charAt(0).toLowerCase() + k.slice(1)) as T;
