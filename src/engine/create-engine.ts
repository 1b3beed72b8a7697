import type { SluiceConfig } from '../config/schema.js';
import type { Storage } from '../storage/storage.js';
import type { QueryEngine } from './query-engine.js';

// Placeholder until the DuckDB engine lands.
export async function createEngine(_config: SluiceConfig, _storage: Storage, _options: { sandbox?: boolean; tempDir?: string } = {}): Promise<QueryEngine> {
  throw new Error('engine not implemented yet');
}
