// Glue documents are kept as JSON; JSON has no timestamps, so Dates are revived by walking the
// value's shape in the API model rather than by guessing from string contents.
import { shape } from './model.js';

export function reviveDates<T>(shapeName: string, value: unknown): T {
  return mapTimestamps(shapeName, value, fromDocTimestamp) as T;
}

function fromDocTimestamp(v: unknown): unknown {
  return typeof v === 'string' || typeof v === 'number' ? new Date(v) : v;
}

/**
 * A copy of value in which every timestamp, found by its shape in the API model, has been passed
 * through timestamp(). The HTTP face uses it too, with its own timestamp encoding. Values that do
 * not fit their shape, and members the model does not know, are kept as they are.
 */
export function mapTimestamps(name: string, v: unknown, timestamp: (v: unknown) => unknown): unknown {
  if (v === null || v === undefined) return v;
  const s = shape(name);
  switch (s.type) {
    case 'timestamp':
      return timestamp(v);
    case 'structure': {
      if (typeof v !== 'object' || Array.isArray(v)) return v;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const ref = s.members?.[k];
        out[k] = ref ? mapTimestamps(ref.shape, x, timestamp) : x;
      }
      return out;
    }
    case 'list':
      return Array.isArray(v) ? v.map((x) => mapTimestamps(s.member!.shape, x, timestamp)) : v;
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) return v;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = mapTimestamps(s.value!.shape, x, timestamp);
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
