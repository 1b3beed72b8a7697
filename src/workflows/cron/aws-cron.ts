// Glue's cron(Minutes Hours Day-of-month Month Day-of-week Year): six fields, UTC, one of the two day
// fields '?', nothing faster than every 5 minutes (glue-behaviour.md §3.3). The expression is
// checked field by field here, so the message says what is wrong; the next-fire arithmetic (L, W, #,
// the year field) is croner's, in Quartz weekday numbering (1 = SUN) to match AWS.
import { Cron } from 'croner';
import { invalidInput, type SluiceError } from '../../kernel/errors.js';
import { checkFields, expandMinutes, expandHours } from './fields.js';

export interface AwsCron {
  /** The expression as given, e.g. cron(0 2 * * ? *). */
  readonly expression: string;
  /** The first fire time strictly after `after`, or undefined when the schedule never fires again. */
  nextAfter(after: Date): Date | undefined;
  /** Fire times in (from, to], oldest first, at most `limit` of them. */
  between(from: Date, to: Date, limit?: number): Date[];
}

/** The error Glue answers a bad Schedule with (InvalidInputException), saying what is wrong. */
export function scheduleError(expression: string, why: string): SluiceError {
  return invalidInput(
    `Invalid schedule expression '${expression}': ${why}. Expected cron(Minutes Hours Day-of-month Month Day-of-week Year) in UTC, e.g. cron(15 12 * * ? *).`,
  );
}

/** Parses an AWS cron expression; InvalidInputException with the reason when it is not valid. */
export function parseAwsCron(expression: string): AwsCron {
  const m = /^cron\((.*)\)$/.exec(expression.trim());
  if (!m) throw scheduleError(expression, 'it must be written cron(…) (rate(…) expressions are not supported by Glue triggers)');
  const fields = m[1].trim().split(/\s+/);
  if (fields.length !== 6) throw scheduleError(expression, `it has ${fields.length} field${fields.length === 1 ? '' : 's'}, not 6`);
  const problem = checkFields(fields);
  if (problem) throw scheduleError(expression, problem);
  const minGap = smallestGapMinutes(fields);
  if (minGap < 5)
    throw scheduleError(
      expression,
      `it fires ${minGap === 1 ? 'every minute' : `every ${minGap} minutes`} at times; the minimum precision of a schedule is 5 minutes`,
    );
  let cron: Cron;
  try {
    cron = new Cron(toCroner(fields), { timezone: 'UTC', mode: '7-part', alternativeWeekdays: true, paused: true });
  } catch (e) {
    throw scheduleError(expression, (e as Error).message.replace(/^CronPattern: /, ''));
  }
  const nextAfter = (after: Date) => cron.nextRun(after) ?? undefined;
  return {
    expression,
    nextAfter,
    between(from, to, limit = 1000) {
      const out: Date[] = [];
      for (let t = nextAfter(from); t && t.getTime() <= to.getTime() && out.length < limit; t = nextAfter(t)) out.push(t);
      return out;
    },
  };
}

/**
 * AWS spellings croner reads differently: a stepped start ('0/15') becomes a stepped range, a bare
 * 'L' in Day-of-week is Saturday (the last day of the week), and 'nL' (last weekday n) is 'n#L'.
 */
function toCroner(fields: string[]): string {
  const max = [59, 23, 31, 12, 7, 2199];
  const out = fields.map((f, i) =>
    f
      .split(',')
      .map((part) => part.replace(/^(\d+)\/(\d+)$/, (_s, start, step) => `${start}-${max[i]}/${step}`))
      .join(','),
  );
  out[4] = out[4] === 'L' ? '7' : out[4].replace(/^([1-7A-Za-z]+)L$/, '$1#L');
  return ['0', ...out].join(' ');
}

/**
 * The shortest time between two fires, looking at minutes and hours only: within an hour, and across
 * the hour boundary when the schedule fires in two consecutive hours (0:58 then 1:00 is 2 minutes).
 */
function smallestGapMinutes(fields: string[]): number {
  const minutes = expandMinutes(fields[0]);
  const hours = expandHours(fields[1]);
  if (!minutes.length) return 60;
  let gap = 60;
  for (let i = 1; i < minutes.length; i++) gap = Math.min(gap, minutes[i] - minutes[i - 1]);
  if (hours.some((h) => hours.includes((h + 1) % 24))) gap = Math.min(gap, 60 - minutes[minutes.length - 1] + minutes[0]);
  return gap;
}
