// The jobs concept: its operations for the registry. Its workers for `sluice _run` (runner/supervisor.ts,
// runner/executor.ts) are imported by runs/workers.ts on demand, so a run's processes load no operations.
import type { Operation } from '../kernel/registry.js';
import { jobDefinitionOperations } from './definitions/job-operations.js';
import { runOperations } from './runs/run-operations.js';
import { bookmarkOperations } from './bookmarks/bookmark-operations.js';

export const jobOperations: Operation[] = [...jobDefinitionOperations, ...runOperations, ...bookmarkOperations];
