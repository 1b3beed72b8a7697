// What a verified key may touch: its own account's catalog and resources. A CatalogId or resource ARN
// naming another account is refused as AWS refuses a cross-account call without a resource policy
// (AccessDeniedException naming the caller and the resource), so account isolation configured per
// key holds for every operation, including ones added later. Dev mode skips this, as it skips
// signatures.
import { SluiceError } from '../kernel/errors.js';
import type { Principal } from './authenticator.js';

const ARN_ACCOUNT = /^arn:[^:]+:glue:[^:]*:(\d{12}):/;

export function authorizeCall(principal: Principal, operation: string, input: unknown): void {
  if (!input || typeof input !== 'object') return;
  const { CatalogId, ResourceArn } = input as { CatalogId?: unknown; ResourceArn?: unknown };
  const arnAccount = typeof ResourceArn === 'string' ? ARN_ACCOUNT.exec(ResourceArn)?.[1] : undefined;
  const resource =
    // An empty CatalogId is the caller's own catalog (the Terraform provider sends it).
    typeof CatalogId === 'string' && CatalogId !== '' && CatalogId !== principal.accountId
      ? `arn:aws:glue:${principal.region}:${CatalogId}:catalog`
      : arnAccount && arnAccount !== principal.accountId
        ? String(ResourceArn)
        : undefined;
  if (resource) {
    const user = `arn:aws:iam::${principal.accountId}:user/${principal.accessKeyId ?? 'anonymous'}`;
    throw new SluiceError(
      'AccessDeniedException',
      `User: ${user} is not authorized to perform: glue:${operation} on resource: ${resource}`,
    );
  }
}
