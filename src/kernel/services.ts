// What operation handlers can reach: the project and its wired backends (see config/compose.ts).
import type { SluiceConfig } from '../config/schema.js';
import type { Store } from '../store/store.js';
import type { Storage } from '../storage/storage.js';
import type { QueryEngine } from '../engine/query-engine.js';
import type { RunLauncher } from '../runs/launcher.js';
import type { Registry } from './registry.js';
import type { SecurityServices } from '../security/services.js';

export interface Services {
  /** The project's root folder (where sluice.yaml is). */
  root: string;
  config: SluiceConfig;
  store: Store;
  storage: Storage;
  launcher: RunLauncher;
  /** Role bounds, run encryption, sealed logs and texts (security/services.ts). */
  security: SecurityServices;
  /**
   * Opens a fresh QueryEngine; the caller closes it. defaultMemoryLimit (DuckDB's form, e.g. '1GB')
   * applies when sluice.yaml sets no engine.memoryLimit.
   */
  openEngine(options?: { sandbox?: boolean; defaultMemoryLimit?: string }): Promise<QueryEngine>;
}

/** An opened project: its services and the operation registry (config/compose.ts opens one). */
export interface Sluice {
  readonly services: Services;
  readonly registry: Registry;
  /** Calls an operation by its Glue name, e.g. call('GetTable', { DatabaseName, Name }). */
  call<T = any>(operation: string, input?: unknown): Promise<T>;
  close(): Promise<void>;
}
