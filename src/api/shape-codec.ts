// Glue documents are kept as JSON; JSON has no timestamps, so Dates are revived by walking the
// value's shape in the API model rather than by guessing from string contents.
import { shape } from './model.js';

export function reviveDates<T>(shapeName: string, value: unknown): T {
  return walk(shapeName, value) as T;
}

function walk(name: string, v: unknown): unknown {
  if (v === null || v === undefined) return v;
  const s = shape(name);
  switch (s.type) {
    case 'timestamp':
      return typeof v === 'string' || typeof v === 'number' ? new Date(v) : v;
    case 'structure': {
      if (typeof v !== 'object') return v;
      const obj = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(obj)) {
        const ref = s.members?.[k];
        out[k] = ref ? walk(ref.shape, x) : x;
      }
      return out;
    }
    case 'list':
      return Array.isArray(v) ? v.map((x) => walk(s.member!.shape, x)) : v;
    case 'map': {
      if (typeof v !== 'object') return v;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = walk(s.value!.shape, x);
      return out;
    }
    default:
      return v;
  }
}

/** Serialises a document for the store: undefineds dropped, Dates as ISO strings. */
export function encodeDoc(value: unknown): string {
  return JSON.stringify(value);
}
