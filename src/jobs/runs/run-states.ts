// Glue's job run states, from the run ledger's descriptor (runs/kinds.ts). A run is written STARTING
// before its process exists and ends in exactly one terminal state; only guarded transitions are made.
import type { JobRunState } from '../../kernel/glue-types.js';
import { JOB_RUNS, isActiveIn, isTerminalIn } from '../../runs/kinds.js';

/** States in which a run holds a concurrency slot and may still change. */
export const ACTIVE_STATES: JobRunState[] = [...JOB_RUNS.active];
export const TERMINAL_STATES: JobRunState[] = [...JOB_RUNS.terminal];

export const isTerminal = (s: string | undefined) => isTerminalIn(JOB_RUNS, s);
export const isActive = (s: string | undefined) => isActiveIn(JOB_RUNS, s);
