// The composition root: the one place where backends are chosen from sluice.yaml and wired
// together. Nothing registers itself on import; nothing is loaded by name from config.
// Heavy parts load on first use: the operation registry (every concept's operations) only in
// openSluice(), DuckDB only when an engine is opened. A run's worker process opens just the services
// (openServices), so a job starts in a fraction of the time the whole CLI takes to load.
import { join } from 'node:path';
import type { Project } from './project.js';
import { resolveLocation } from './locations.js';
import { resolveSecret } from './secrets.js';
import { openStore, type StoreConfig } from '../store/store.js';
import { createStorage } from '../storage/create-storage.js';
import { detachedLauncher } from '../runs/launcher.js';
import { queueLauncher } from '../cluster/queue-launcher.js';
import { recoverCommits } from '../runs/run-commit.js';
import type { Services, Sluice } from '../kernel/services.js';
import { createSecurityServices } from '../security/services.js';

export type { Sluice } from '../kernel/services.js';

export interface OpenOptions {
  /** Where to look for sluice.yaml (walking up). Defaults to the current directory. */
  cwd?: string;
  /** An already loaded project (tests). */
  project?: Project;
  /** Overrides the metadata store (the conformance suites use this). */
  store?: StoreConfig;
  /**
   * Start job runs with an executor started ahead of need (runs/warm-launcher.ts): for long-lived
   * processes, `sluice server`. Closing closes it.
   */
  warmJobs?: boolean;
}

export interface OpenServices {
  readonly services: Services;
  close(): Promise<void>;
}

/** The project's backends without the operation registry. */
export async function openServices(options: OpenOptions = {}): Promise<OpenServices> {
  const { root, config } =
    options.project ?? (await import('./project.js')).loadProject(options.cwd ?? process.env.SLUICE_PROJECT_ROOT ?? process.cwd());
  const storeConfig: StoreConfig =
    options.store ??
    (config.metadata.kind === 'sqlite'
      ? { kind: 'sqlite', path: resolveLocation(root, config.metadata.path) }
      : { kind: 'postgres', url: resolveSecret(config.metadata.url, 'metadata.url')! });
  const store = await openStore(storeConfig);
  const storage = createStorage(root, config);
  const cold = config.cluster?.execute === 'workers' ? queueLauncher() : detachedLauncher({ root, config });
  const warm =
    options.warmJobs && !cold.queued ? (await import('../runs/warm-launcher.js')).warmLauncher({ root, config }, cold) : undefined;
  const services: Services = {
    root,
    config,
    store,
    storage,
    launcher: warm ?? cold,
    security: createSecurityServices(root, config),
    openEngine: async ({ defaultMemoryLimit, ...o } = {}) => {
      const { createEngine } = await import('../engine/create-engine.js');
      // sluice.yaml's engine.memoryLimit wins; a caller's default applies only when it says none.
      const engine =
        config.engine.memoryLimit || !defaultMemoryLimit
          ? config
          : { ...config, engine: { ...config.engine, memoryLimit: defaultMemoryLimit } };
      return createEngine(engine, storage, { tempDir: join(root, '.sluice', 'tmp'), ...o });
    },
  };
  // Opening the project completes the decided commits of runs that died (runs/run-commit.ts). A store
  // that cannot be reached now must not stop every command: the next process tries again.
  await recoverCommits(services).catch((e: Error) =>
    process.emitWarning(`Could not complete the commit of a run that died (the next command tries again): ${e.message}`),
  );
  return {
    services,
    close: async () => {
      warm?.close();
      await store.close();
    },
  };
}

export async function openSluice(options: OpenOptions = {}): Promise<Sluice> {
  const [{ services, close }, { Registry }, { allOperations }] = await Promise.all([
    openServices(options),
    import('../kernel/registry.js'),
    import('./operations.js'),
  ]);
  const registry = new Registry(allOperations());
  const ctx = { services, accountId: services.config.account.id, region: services.config.account.region };
  return {
    services,
    registry,
    call: (operation, input) => registry.call(operation, input ?? {}, ctx) as Promise<any>,
    close,
  };
}
