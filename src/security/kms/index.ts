// The project's key ring, one per project root and process: the storage layer, run logs, bookmarks
// and connection passwords all reach the same keys (key-ring.ts).
import type { SluiceConfig } from '../../config/schema.js';
import { KeyRing } from './key-ring.js';
import { readMasterKey } from './master-key.js';

export { KeyRing } from './key-ring.js';
export type { KmsKey, DataKey } from './key-ring.js';

const rings = new Map<string, KeyRing>();

export function keyRing(root: string, config: SluiceConfig): KeyRing {
  const kms = config.kms;
  const id = `${root}\0${JSON.stringify(kms?.masterKey ?? null)}`;
  let ring = rings.get(id);
  if (!ring) {
    ring = new KeyRing({
      root,
      region: config.account.region,
      accountId: config.account.id,
      masterKey: kms ? () => readMasterKey(root, kms.masterKey) : undefined,
    });
    rings.set(id, ring);
  }
  return ring;
}
