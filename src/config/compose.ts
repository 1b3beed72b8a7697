// The composition root: the one place where backends are chosen from sluice.yaml and wired
// together. Nothing registers itself on import; nothing is loaded by name from config.
import { join } from 'node:path';
import { loadProject, resolveLocation, type Project } from './project.js';
import { resolveSecret } from './schema.js';
import { openStore, type StoreConfig } from '../store/store.js';
import { createStorage } from '../storage/create-storage.js';
import { createEngine } from '../engine/create-engine.js';
import { detachedLauncher } from '../runs/launcher.js';
import { Registry } from '../api/registry.js';
import { allOperations } from '../api/operations.js';
import type { Services } from '../api/services.js';

export interface Sluice {
  readonly services: Services;
  readonly registry: Registry;
  /** Calls an operation by its Glue name, e.g. call('GetTable', { DatabaseName, Name }). */
  call<T = any>(operation: string, input?: unknown): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Where to look for sluice.yaml (walking up). Defaults to the current directory. */
  cwd?: string;
  /** An already loaded project (tests). */
  project?: Project;
  /** Overrides the metadata store (the conformance suites use this). */
  store?: StoreConfig;
}

export async function openSluice(options: OpenOptions = {}): Promise<Sluice> {
  const { root, config } = options.project ?? loadProject(options.cwd ?? process.env.SLUICE_PROJECT_ROOT ?? process.cwd());
  const storeConfig: StoreConfig =
    options.store ??
    (config.metadata.kind === 'sqlite'
      ? { kind: 'sqlite', path: resolveLocation(root, config.metadata.path) }
      : { kind: 'postgres', url: resolveSecret(config.metadata.url, 'metadata.url')! });
  const store = await openStore(storeConfig);
  const storage = createStorage(root, config);
  const services: Services = {
    root,
    config,
    store,
    storage,
    launcher: detachedLauncher(root),
    openEngine: (o) => createEngine(config, storage, { tempDir: join(root, '.sluice', 'tmp'), ...o }),
  };
  const registry = new Registry(allOperations());
  const ctx = { services, accountId: config.account.id, region: config.account.region };
  return {
    services,
    registry,
    call: (operation, input) => registry.call(operation, input ?? {}, ctx) as Promise<any>,
    close: () => store.close(),
  };
}
