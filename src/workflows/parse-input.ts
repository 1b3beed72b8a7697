// Input checking for Sluice-only operations (Glue operations are checked against the API model by
// the registry): zod, with every problem reported at once as InvalidInputException.
import type { z } from 'zod';
import { invalidInput } from '../kernel/errors.js';

export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) throw invalidInput(r.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
  return r.data;
}
