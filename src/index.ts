// The TypeScript API, `import { openSluice } from 'sluice'`: the third face of the operation registry
// beside the CLI and the HTTP endpoint. A program opens a project (the sluice.yaml in `cwd` or a
// folder above it) and calls operations by their Glue names with Glue's request and response shapes:
//
//   const sluice = await openSluice({ cwd: 'shop' });
//   const { DatabaseList } = await sluice.call('GetDatabases', {});
//   await sluice.close();
//
// Errors are SluiceErrors whose `type` is the AWS exception name (EntityNotFoundException, …).
import { openSluice as openProject, type OpenOptions as ComposeOptions } from './config/compose.js';
import type { Sluice as Opened, Services } from './kernel/services.js';
import type { GlueOperations } from './kernel/glue-types.js';

export type { Services } from './kernel/services.js';
export { SluiceError, type GlueErrorType } from './kernel/errors.js';
export { initProject, type Project } from './config/project.js';
export type { SluiceConfig } from './config/schema.js';
export type { GlueOperations } from './kernel/glue-types.js';
/** Every shape of the Glue API model (Table, Database, JobRun, GetTableRequest …). */
export type * from './kernel/glue-types.js';

export type GlueOperationName = keyof GlueOperations;

/** What openSluice takes: where the project is (default: the current directory, walking up like git). */
export type OpenOptions = Pick<ComposeOptions, 'cwd' | 'project'>;

/** An opened project. Close it when done: it holds the metadata store open. */
export interface Sluice {
  readonly services: Services;
  /** A Glue operation, typed by the API model: call('GetTable', { DatabaseName: 'raw', Name: 'orders' }). */
  call<N extends GlueOperationName>(operation: N, input: GlueOperations[N]['input']): Promise<GlueOperations[N]['output']>;
  /** A Sluice-only operation (GetJobRunDetails, GetTableSample …), untyped. */
  call<T = any>(operation: string, input?: unknown): Promise<T>;
  close(): Promise<void>;
}

/** Opens the project: its metadata store, storage and the operation registry. */
export async function openSluice(options: OpenOptions = {}): Promise<Sluice> {
  const opened: Opened = await openProject(options);
  return opened as Sluice;
}
