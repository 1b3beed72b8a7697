// `aws glue` prints a response's members in the order of its shape in the API model (botocore
// builds the parsed dict by walking the shape), not in the order the service sent them. Sorting the
// same way makes `sluice glue` print byte for byte what `aws glue` prints, embedded or remote.
import { loadGlueModel, shape } from '../kernel/model.js';

/** The operation's output with every structure's members in model order; members the model does not know come last. */
export function inModelOrder(operation: string, output: unknown): unknown {
  const outputShape = loadGlueModel().operations[operation]?.output?.shape;
  return outputShape ? walk(outputShape, output) : output;
}

function walk(name: string, v: unknown): unknown {
  if (v === null || typeof v !== 'object' || v instanceof Date || v instanceof Uint8Array) return v;
  const s = shape(name);
  if (s.type === 'list' && Array.isArray(v)) return v.map((x) => walk(s.member!.shape, x));
  if (s.type === 'map') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(s.value!.shape, x)]));
  }
  if (s.type !== 'structure' || Array.isArray(v)) return v;
  const obj = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [member, ref] of Object.entries(s.members ?? {})) {
    if (member in obj) out[member] = walk(ref.shape, obj[member]);
  }
  for (const [k, x] of Object.entries(obj)) if (!(k in out)) out[k] = x;
  return out;
}
