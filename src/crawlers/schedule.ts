// Crawler schedules use Glue's cron(Minutes Hours Day-of-month Month Day-of-week Year): six fields,
// UTC, one of the day fields '?', and no rate faster than every 5 minutes. Running them on time is
// the scheduler's job (workflows); here a schedule is checked and kept.
import { invalidInput } from '../kernel/errors.js';

const FIELD = [
  { name: 'Minutes', chars: /^[\d,\-*/]+$/ },
  { name: 'Hours', chars: /^[\d,\-*/]+$/ },
  { name: 'Day-of-month', chars: /^[\d,\-*/?LW]+$/ },
  { name: 'Month', chars: /^[\dA-Za-z,\-*/]+$/ },
  { name: 'Day-of-week', chars: /^[\dA-Za-z,\-*/?L#]+$/ },
  { name: 'Year', chars: /^[\d,\-*/]+$/ },
];

export function checkSchedule(expression: string): void {
  const bad = (why: string) =>
    invalidInput(
      `Invalid schedule expression '${expression}': ${why}. Expected cron(Minutes Hours Day-of-month Month Day-of-week Year), e.g. cron(15 12 * * ? *).`,
    );
  const m = /^cron\((.*)\)$/.exec(expression.trim());
  if (!m) throw bad('it must be cron(…)');
  const fields = m[1].trim().split(/\s+/);
  if (fields.length !== 6) throw bad(`it has ${fields.length} fields, not 6`);
  fields.forEach((f, i) => {
    if (!FIELD[i].chars.test(f)) throw bad(`the ${FIELD[i].name} field '${f}' has characters it may not`);
  });
  if ((fields[2] === '?') === (fields[4] === '?')) throw bad('exactly one of Day-of-month and Day-of-week must be ?');
  const minutes = fields[0];
  const step = /\/(\d+)$/.exec(minutes);
  if (minutes === '*' || (step && Number(step[1]) < 5) || /^\d+-\d+$/.test(minutes)) throw bad('schedules run at most every 5 minutes');
}
