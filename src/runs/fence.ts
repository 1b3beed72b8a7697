// Fencing a run's writes by its claim (src/cluster/). A run executed by a `sluice worker` is handed the
// claim's token in SLUICE_RUN_CLAIM (`<runId>:<token>`); every transition of that run made by the
// process (and its supervisor, which inherits the variable) holds only while run_claims still has that
// token. When a worker is declared dead its claims' tokens are revoked first, so a worker that comes
// back after a partition cannot end, commit or retry the runs it had: they were failed or retried
// already by Glue's rules. A process without the variable (a server, the CLI, a reaper) is not fenced.
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../store/schema.js';

export const CLAIM_ENV = 'SLUICE_RUN_CLAIM';

/** The token this process must hold to change run `id`, if it runs that run under a claim. */
export function fenceTokenFor(id: string): string | undefined {
  const v = process.env[CLAIM_ENV];
  if (!v) return undefined;
  const i = v.lastIndexOf(':');
  return v.slice(0, i) === id ? v.slice(i + 1) : undefined;
}

/** The condition on a `runs` update that holds only while the claim's token is current. */
export const claimHeld = (id: string, token: string) => (eb: ExpressionBuilder<DB, 'runs'>) =>
  eb.exists(
    eb.selectFrom('run_claims').select('run_claims.run_id').where('run_claims.run_id', '=', id).where('run_claims.token', '=', token),
  );

export async function claimStillHeld(db: Kysely<DB>, id: string, token: string): Promise<boolean> {
  return !!(await db.selectFrom('run_claims').select('run_id').where('run_id', '=', id).where('token', '=', token).executeTakeFirst());
}
