// Short run ids, as git takes short hashes: wherever the CLI takes a run id, any unique prefix of at
// least MIN_PREFIX characters names the run. An ambiguous prefix is an error listing the candidates.
import { invalidInput, notFound } from '../kernel/errors.js';
import type { GlueCall } from '../workflows/glue-call.js';

export const MIN_PREFIX = 4;
/** How a run id is shown in lists: long enough to stay unique in practice, short enough to type. */
export const shortId = (id: string) => id.slice(0, /^[a-z]{2}_/.test(id) ? 15 : 12);

interface Listed {
  RunId: string;
  Kind: string;
  Name: string;
  State: string;
}

/** The full id of the run `text` names (the id itself, or a unique prefix of it), among `kinds` when given. */
export async function resolveRunId(call: GlueCall, text: string, kinds?: string[]): Promise<string> {
  if (text.length < MIN_PREFIX) throw invalidInput(`A run id needs at least ${MIN_PREFIX} characters, not '${text}'`);
  const { Runs } = await call<{ Runs: Listed[] }>('ListRuns', { IdPrefix: text, Kinds: kinds, MaxResults: 11 });
  const exact = Runs.find((r) => r.RunId === text);
  if (exact) return exact.RunId;
  // Not a run of the ledger: perhaps an id only a log is kept under; the caller's operation says.
  if (Runs.length === 0) return text;
  if (Runs.length === 1) return Runs[0].RunId;
  const shown = Runs.slice(0, 10).map((r) => `  ${r.RunId}  ${r.Kind} ${r.Name} ${r.State}`);
  throw invalidInput(
    `The run id '${text}' is ambiguous; it starts ${Runs.length > 10 ? 'more than 10' : Runs.length} runs:\n${shown.join('\n')}`,
  );
}

/** Like resolveRunId, but a prefix that names no run is EntityNotFoundException. */
export async function requireRunId(call: GlueCall, text: string, kinds?: string[]): Promise<string> {
  const id = await resolveRunId(call, text, kinds);
  if (id === text) {
    const { Runs } = await call<{ Runs: Listed[] }>('ListRuns', { IdPrefix: text, Kinds: kinds, MaxResults: 1 });
    if (!Runs.length) throw notFound(`No run${kinds ? ` of kind ${kinds.join(' or ')}` : ''} has an id starting '${text}'`);
  }
  return id;
}
