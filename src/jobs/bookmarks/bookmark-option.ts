// --job-bookmark-option and its pause sub-options (glue-behaviour.md §2.2).
import { invalidInput } from '../../kernel/errors.js';

export type BookmarkMode = 'enable' | 'disable' | 'pause';

export interface BookmarkOption {
  mode: BookmarkMode;
  /** pause only: input processed up to and including this run is skipped … */
  from?: string;
  /** … and input processed after it, up to and including this run, is read. */
  to?: string;
}

export function bookmarkOptionOf(args: Record<string, string>): BookmarkOption {
  const raw = args['--job-bookmark-option'] ?? 'job-bookmark-disable';
  const mode = ({ 'job-bookmark-enable': 'enable', 'job-bookmark-disable': 'disable', 'job-bookmark-pause': 'pause' } as const)[raw];
  if (!mode)
    throw invalidInput(`--job-bookmark-option ${raw} is not one of job-bookmark-enable, job-bookmark-disable, job-bookmark-pause.`);
  const from = args['--job-bookmark-from'];
  const to = args['--job-bookmark-to'];
  if ((from === undefined) !== (to === undefined))
    throw invalidInput('--job-bookmark-from and --job-bookmark-to are given together or not at all.');
  if (from !== undefined && mode !== 'pause')
    throw invalidInput('--job-bookmark-from and --job-bookmark-to only apply with job-bookmark-pause.');
  return { mode, from, to };
}
