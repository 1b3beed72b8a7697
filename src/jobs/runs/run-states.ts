// Glue's job run states. A run is written STARTING before its process exists and ends in exactly one
// terminal state; only the transitions below are made, each guarded on the state it leaves.
import type { JobRunState } from '../../kernel/glue-types.js';

/** States in which a run holds a concurrency slot and may still change. */
export const ACTIVE_STATES: JobRunState[] = ['WAITING', 'STARTING', 'RUNNING', 'STOPPING'];
export const TERMINAL_STATES: JobRunState[] = ['SUCCEEDED', 'FAILED', 'TIMEOUT', 'STOPPED', 'ERROR', 'EXPIRED'];

export const isTerminal = (s: string | undefined) => TERMINAL_STATES.includes(s as JobRunState);
export const isActive = (s: string | undefined) => ACTIVE_STATES.includes(s as JobRunState);
