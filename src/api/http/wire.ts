// Values on the wire of AWS JSON 1.1: timestamps are epoch seconds (a number, with the milliseconds
// as a fraction — the JavaScript SDK rejects strings) and blobs are base64. Outgoing values are
// encoded by walking the Dates themselves; incoming responses are decoded by the output shape,
// because a number alone does not say whether it is a timestamp.
import { mapTimestamps } from '../../kernel/shape-codec.js';

/** JSON text for the wire: Dates as epoch seconds, byte arrays as base64. */
export function encodeWire(value: unknown): string {
  // A copying walk and then a plain stringify: about a third faster than a replacer function, which
  // JSON.stringify calls for every key of a large GetPartitions answer.
  return JSON.stringify(toWire(value ?? {}));
}

function toWire(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date) return v.getTime() / 1000;
  if (Array.isArray(v)) return v.map(toWire);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = toWire(x);
  return out;
}

/** Revives the timestamps of a decoded response by the shape it has in the Glue model. */
export function decodeWire(shapeName: string | undefined, value: unknown): unknown {
  return shapeName ? mapTimestamps(shapeName, value, fromWireTimestamp) : value;
}

function fromWireTimestamp(v: unknown): unknown {
  // Rounded: seconds with a fraction times 1000 is not always an integer in binary floating point.
  if (typeof v === 'number') return new Date(Math.round(v * 1000));
  return typeof v === 'string' ? new Date(v) : v;
}
