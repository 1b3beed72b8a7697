// The jobs concept: its operations for the registry and its workers for `sluice _run`.
import type { Operation } from '../api/registry.js';
import { jobDefinitionOperations } from './definitions/job-operations.js';
import { runOperations } from './runs/run-operations.js';
import { bookmarkOperations } from './bookmarks/bookmark-operations.js';

export const jobOperations: Operation[] = [...jobDefinitionOperations, ...runOperations, ...bookmarkOperations];

export { superviseJobRun } from './runner/supervisor.js';
export { executeJobRun } from './runner/executor.js';
