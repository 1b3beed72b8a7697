// AWS cron: the documented test vectors (glue-behaviour.md §3.3), the L, W, # and year forms, and
// the expressions Glue refuses, each with the reason in the message.
import { describe, expect, it } from 'vitest';
import { SluiceError } from '../../kernel/errors.js';
import { parseAwsCron } from './aws-cron.js';

const next = (expr: string, from: string, n = 3) => {
  const cron = parseAwsCron(expr);
  const out: string[] = [];
  let t: Date | undefined = new Date(from);
  while (out.length < n && (t = cron.nextAfter(t))) out.push(t.toISOString().replace(':00.000Z', 'Z'));
  return out;
};

function refusal(expr: string): string {
  try {
    parseAwsCron(expr);
  } catch (e) {
    expect(e).toBeInstanceOf(SluiceError);
    expect((e as SluiceError).type).toBe('InvalidInputException');
    return (e as SluiceError).message;
  }
  throw new Error(`${expr} was accepted`);
}

describe('AWS cron next fire times (UTC)', () => {
  it('follows the documented examples', () => {
    expect(next('cron(15 12 * * ? *)', '2024-03-01T12:15:00Z')).toEqual(['2024-03-02T12:15Z', '2024-03-03T12:15Z', '2024-03-04T12:15Z']);
    // 2024-03-01 is a Friday: the next weekday after it is Monday the 4th.
    expect(next('cron(0 18 ? * MON-FRI *)', '2024-03-01T00:00:00Z')).toEqual([
      '2024-03-01T18:00Z',
      '2024-03-04T18:00Z',
      '2024-03-05T18:00Z',
    ]);
    expect(next('cron(0 8 1 * ? *)', '2024-03-01T09:00:00Z')).toEqual(['2024-04-01T08:00Z', '2024-05-01T08:00Z', '2024-06-01T08:00Z']);
    expect(next('cron(0/15 * * * ? *)', '2024-03-01T00:50:00Z')).toEqual(['2024-03-01T01:00Z', '2024-03-01T01:15Z', '2024-03-01T01:30Z']);
    expect(next('cron(1/10 * * * ? *)', '2024-03-01T00:00:00Z')).toEqual(['2024-03-01T00:01Z', '2024-03-01T00:11Z', '2024-03-01T00:21Z']);
    expect(next('cron(0/5 8-17 ? * MON-FRI *)', '2024-03-01T17:50:00Z')).toEqual([
      '2024-03-01T17:55Z',
      '2024-03-04T08:00Z',
      '2024-03-04T08:05Z',
    ]);
    expect(next('cron(0 2 * * ? *)', '2024-03-01T02:00:00Z', 2)).toEqual(['2024-03-02T02:00Z', '2024-03-03T02:00Z']);
  });

  it('numbers weekdays from 1 = SUN, as AWS does', () => {
    expect(next('cron(0 0 ? * 1 *)', '2024-06-01T00:00:00Z', 1)).toEqual(['2024-06-02T00:00Z']); // a Sunday
    expect(next('cron(0 0 ? * 7 *)', '2024-06-01T00:00:00Z', 1)).toEqual(['2024-06-08T00:00Z']); // a Saturday
    expect(next('cron(0 0 ? JAN,jul SUN *)', '2024-06-01T00:00:00Z', 1)).toEqual(['2024-07-07T00:00Z']);
  });

  it('reads L: the last day of the month, the last day of the week, the last given weekday', () => {
    expect(next('cron(0 0 L * ? *)', '2024-01-15T00:00:00Z')).toEqual(['2024-01-31T00:00Z', '2024-02-29T00:00Z', '2024-03-31T00:00Z']);
    expect(next('cron(0 0 ? * L *)', '2024-06-01T00:00:00Z', 2)).toEqual(['2024-06-08T00:00Z', '2024-06-15T00:00Z']);
    expect(next('cron(0 0 ? * 6L *)', '2024-06-01T00:00:00Z', 2)).toEqual(['2024-06-28T00:00Z', '2024-07-26T00:00Z']); // last Fridays
  });

  it('reads W: the weekday nearest the day, within the month', () => {
    // 15 June 2024 is a Saturday (→ Friday 14th); 15 September a Sunday (→ Monday 16th).
    expect(next('cron(0 0 15W * ? *)', '2024-06-01T00:00:00Z', 4)).toEqual([
      '2024-06-14T00:00Z',
      '2024-07-15T00:00Z',
      '2024-08-15T00:00Z',
      '2024-09-16T00:00Z',
    ]);
    expect(next('cron(0 0 LW * ? *)', '2024-06-01T00:00:00Z', 1)).toEqual(['2024-06-28T00:00Z']);
  });

  it('reads #: the nth weekday of the month', () => {
    expect(next('cron(0 9 ? * 3#2 *)', '2024-06-01T00:00:00Z', 2)).toEqual(['2024-06-11T09:00Z', '2024-07-09T09:00Z']); // second Tuesdays
    expect(next('cron(0 9 ? * MON#1 *)', '2024-06-01T00:00:00Z', 1)).toEqual(['2024-06-03T09:00Z']);
  });

  it('reads the year field, and a schedule whose years are over never fires again', () => {
    expect(next('cron(0 0 1 1 ? 2030-2031)', '2024-06-01T00:00:00Z')).toEqual(['2030-01-01T00:00Z', '2031-01-01T00:00Z']);
    expect(parseAwsCron('cron(0 0 1 1 ? 1999)').nextAfter(new Date('2024-01-01T00:00:00Z'))).toBeUndefined();
  });

  it('lists the fire times between two instants, oldest first', () => {
    const slots = parseAwsCron('cron(0/30 * * * ? *)').between(new Date('2024-03-01T00:00:00Z'), new Date('2024-03-01T02:00:00Z'));
    expect(slots.map((d) => d.toISOString())).toEqual(['00:30', '01:00', '01:30', '02:00'].map((t) => `2024-03-01T${t}:00.000Z`));
  });
});

describe('AWS cron expressions Glue refuses', () => {
  it('refuses both day fields given, or both ?', () => {
    expect(refusal('cron(0 0 1 * 1 *)')).toMatch(
      /^Invalid schedule expression 'cron\(0 0 1 \* 1 \*\)': Day-of-month and Day-of-week cannot both be specified: one of them must be '\?'/,
    );
    expect(refusal('cron(0 0 * * * *)')).toMatch(/one of them must be '\?'/);
    expect(refusal('cron(0 0 ? * ? *)')).toMatch(/cannot both be '\?'/);
  });

  it('refuses schedules faster than every 5 minutes', () => {
    expect(refusal('cron(* * * * ? *)')).toMatch(/every minute at times; the minimum precision of a schedule is 5 minutes/);
    expect(refusal('cron(0/2 * * * ? *)')).toMatch(/every 2 minutes/);
    expect(refusal('cron(0,3 * * * ? *)')).toMatch(/every 3 minutes/);
    expect(() => parseAwsCron('cron(58 * * * ? *)')).not.toThrow(); // hourly at :58 is fine …
    expect(refusal('cron(0,58 * * * ? *)')).toMatch(/every 2 minutes/); // … but 0:58 then 1:00 is not
    expect(() => parseAwsCron('cron(0,58 5 * * ? *)')).not.toThrow(); // one hour only: 5:00 and 5:58
  });

  it('refuses the wrong number of fields, the wrong wrapper and values out of range', () => {
    expect(refusal('cron(0 12 * * ?)')).toMatch(/it has 5 fields, not 6/);
    expect(refusal('0 12 * * ? *')).toMatch(/it must be written cron\(…\)/);
    expect(refusal('rate(5 minutes)')).toMatch(/rate\(…\) expressions are not supported/);
    expect(refusal('cron(60 * * * ? *)')).toMatch(/Minutes value 60 is outside 0-59/);
    expect(refusal('cron(0 24 * * ? *)')).toMatch(/Hours value 24 is outside 0-23/);
    expect(refusal('cron(0 0 32 * ? *)')).toMatch(/Day-of-month value 32 is outside 1-31/);
    expect(refusal('cron(0 0 ? * 0 *)')).toMatch(/Day-of-week value 0 is outside 1-7/);
    expect(refusal('cron(0 0 1 13 ? *)')).toMatch(/Month value 13/);
    expect(refusal('cron(0 0 1 FOO ? *)')).toMatch(/'FOO' is not a value of Month \(1-12 or JAN-DEC\)/);
    expect(refusal('cron(0 0 1 * ? 1969)')).toMatch(/Year value 1969 is outside 1970-2199/);
    expect(refusal('cron(0 0 1 * ? 2200)')).toMatch(/outside 1970-2199/);
  });

  it('refuses wildcards in fields that do not take them', () => {
    expect(refusal('cron(0 ? 1 * ? *)')).toMatch(/'\?' is only allowed in Day-of-month and Day-of-week, not in Hours/);
    expect(refusal('cron(0 0 1 1W ? *)')).toMatch(/'W' is not allowed in Month/);
    expect(refusal('cron(0 0 ? * 2W *)')).toMatch(/'W' is not allowed in Day-of-week/);
    expect(refusal('cron(0 0 1#2 * ? *)')).toMatch(/'#' is not allowed in Day-of-month/);
    expect(refusal('cron(0 0 ? * 2#6 *)')).toMatch(/must be 1-5/);
    expect(refusal('cron(0 L 1 * ? *)')).toMatch(/'L' is not allowed in Hours/);
    expect(refusal('cron(0 0 20-10 * ? *)')).toMatch(/ends before it starts/);
    expect(refusal('cron(0 0 1,* * ? *)')).toMatch(/cannot be combined/);
  });
});
