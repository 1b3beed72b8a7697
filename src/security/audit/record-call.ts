// Which calls the HTTP face writes to the audit trail, and what it writes: every call that changes
// something, and every call refused by authentication or authorization (reads that succeed are
// not recorded: the trail would be mostly GetTable). Error messages are cut short, as on the wire.
import { toSluiceError } from '../../kernel/errors.js';
import type { Principal } from '../authenticator.js';
import type { FastifyInstance } from 'fastify';
import type { AuditRecord, AuditTrail } from './trail.js';

const READS = /^(Get|List|BatchGet|Search|Describe)/;
const READ_OPS = new Set(['RunCatalogQuery', 'DryRunCrawler']);
const DENIED = new Set([
  'AccessDeniedException',
  'MissingAuthenticationTokenException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'IncompleteSignatureException',
]);

const claimedKey = (authorization: string | undefined) => /Credential=([A-Za-z0-9_]{1,128})\//.exec(authorization ?? '')?.[1];

export const isMutating = (operation: string) => !READS.test(operation) && !READ_OPS.has(operation);

export interface AuditedCall {
  principal?: Principal;
  /** The Authorization header, for the key id a refused request claimed (never verified). */
  authorization?: string;
  operation?: string;
  resources?: string[];
  requestId: string;
  sourceIp: string;
  error?: unknown;
}

export async function recordCall(trail: AuditTrail, c: AuditedCall): Promise<void> {
  const e = c.error === undefined ? undefined : toSluiceError(c.error);
  const denied = !!e && DENIED.has(e.type);
  if (!denied && !(c.operation && isMutating(c.operation))) return;
  const record: AuditRecord = {
    time: new Date().toISOString(),
    principal: c.principal?.arn,
    accessKey: c.principal?.accessKeyId ?? claimedKey(c.authorization),
    sourceIp: c.sourceIp,
    operation: c.operation ?? 'unknown',
    resources: c.resources ?? [],
    requestId: c.requestId,
    outcome: denied ? 'Denied' : e ? 'Failed' : 'Allowed',
    errorType: e?.type,
    errorMessage: e ? e.message.slice(0, 300) : undefined,
  };
  await trail.append(record);
}

const HOUR = 3600_000;

/** Applies retention when the server starts listening and every hour after, until it closes. */
export function scheduleRetention(app: FastifyInstance, trail: AuditTrail, retentionDays: number): void {
  let timer: NodeJS.Timeout | undefined;
  const prune = () =>
    trail.prune(Date.now() - retentionDays * 24 * HOUR).catch((e: unknown) => app.log.error({ err: e }, 'audit retention failed'));
  app.addHook('onListen', async () => {
    void prune();
    timer = setInterval(prune, HOUR);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
