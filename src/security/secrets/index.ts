// The project's secrets store (one per project root and process, like its key ring).
import type { SluiceConfig } from '../../config/schema.js';
import { keyRing } from '../kms/index.js';
import { SecretStore } from './secret-store.js';

export { SecretStore } from './secret-store.js';
export { connectionCredentials, type Credentials } from './connection-credentials.js';

export function secretStore(root: string, config: SluiceConfig): SecretStore {
  return new SecretStore(root, () => keyRing(root, config), { region: config.account.region, accountId: config.account.id });
}
