// Input checking for the monitoring operations (Sluice-only, so not in the Glue model): zod schemas,
// failing with InvalidInputException and every problem named.
import type { z } from 'zod';
import { invalidInput } from '../../kernel/errors.js';

export function validator<S extends z.ZodType>(schema: S): (input: unknown) => z.infer<S> {
  return (input) => {
    const r = schema.safeParse(input ?? {});
    if (!r.success) throw invalidInput(r.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
    return r.data;
  };
}

export const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? undefined : new Date(ms).toISOString());

/** A time given as ISO-8601 text or epoch milliseconds. */
export function timeInput(v: string | number | undefined): number | undefined {
  if (v === undefined) return undefined;
  const t = typeof v === 'number' ? v : Date.parse(v);
  if (!Number.isFinite(t)) throw invalidInput(`'${v}' is not a time: give ISO-8601 text or epoch milliseconds`);
  return t;
}
