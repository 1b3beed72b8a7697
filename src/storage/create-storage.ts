import type { SluiceConfig } from '../config/schema.js';
import type { Storage } from './storage.js';

// Placeholder until the storage backends land.
export function createStorage(_root: string, _config: SluiceConfig): Storage {
  return { resolve: () => { throw new Error('storage not implemented yet'); } };
}
