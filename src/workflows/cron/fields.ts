// The six fields of an AWS cron expression, checked one by one against the table in Glue's
// documentation (monitor-data-warehouse-schedule): which values and which wildcards each allows.
interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** Extra forms the field allows besides numbers, ranges, lists, * and steps. */
  question?: boolean;
  last?: boolean;
  weekday?: boolean;
  nth?: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const SPECS: FieldSpec[] = [
  { name: 'Minutes', min: 0, max: 59 },
  { name: 'Hours', min: 0, max: 23 },
  { name: 'Day-of-month', min: 1, max: 31, question: true, last: true, weekday: true },
  { name: 'Month', min: 1, max: 12, names: MONTHS },
  { name: 'Day-of-week', min: 1, max: 7, names: DAYS, question: true, last: true, nth: true },
  { name: 'Year', min: 1970, max: 2199 },
];

function value(spec: FieldSpec, text: string): number | string {
  const upper = text.toUpperCase();
  const named = spec.names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + 1;
  if (!/^\d+$/.test(text))
    return `'${text}' is not a value of ${spec.name}${spec.names ? ` (${spec.min}-${spec.max} or ${spec.names[0]}-${spec.names[spec.names.length - 1]})` : ''}`;
  const n = Number(text);
  return n < spec.min || n > spec.max ? `${spec.name} value ${n} is outside ${spec.min}-${spec.max}` : n;
}

/** The problem with one comma-separated part of a field, or undefined. */
function checkPart(spec: FieldSpec, part: string): string | undefined {
  if (part === '*') return undefined;
  if (part === '?') return spec.question ? undefined : `'?' is only allowed in Day-of-month and Day-of-week, not in ${spec.name}`;
  if (part === 'L') return spec.last ? undefined : `'L' is not allowed in ${spec.name}`;
  if (spec.last && spec.weekday && part === 'LW') return undefined;
  const weekday = /^(\d+)W$/.exec(part);
  if (weekday) return spec.weekday ? asProblem(value(spec, weekday[1])) : `'W' is not allowed in ${spec.name}`;
  const last = /^(\w+)L$/.exec(part);
  if (last && spec.nth) return asProblem(value(spec, last[1]));
  const nth = /^(\w+)#(\d+)$/.exec(part);
  if (nth) {
    if (!spec.nth) return `'#' is not allowed in ${spec.name}`;
    const k = Number(nth[2]);
    return asProblem(value(spec, nth[1])) ?? (k < 1 || k > 5 ? `'${part}': the occurrence after # must be 1-5` : undefined);
  }
  const m = /^([^/-]+)(?:-([^/]+))?(?:\/(\d+))?$/.exec(part);
  if (!m) return `'${part}' is not valid in ${spec.name}`;
  const [, from, to, step] = m;
  if (step !== undefined && Number(step) < 1) return `the increment in '${part}' must be at least 1`;
  if (from === '*') return to === undefined ? undefined : `'${part}' is not valid in ${spec.name}`;
  const a = value(spec, from);
  if (typeof a === 'string') return a;
  if (to === undefined) return undefined;
  const b = value(spec, to);
  if (typeof b === 'string') return b;
  return a > b ? `the range '${part}' in ${spec.name} ends before it starts` : undefined;
}

const asProblem = (v: number | string) => (typeof v === 'string' ? v : undefined);

/** The first problem with the six fields, or undefined when they are valid. */
export function checkFields(fields: string[]): string | undefined {
  for (let i = 0; i < SPECS.length; i++) {
    const parts = fields[i].split(',');
    if (parts.length > 1 && parts.some((p) => p === '?' || p === '*'))
      return `'${fields[i]}': '?' and '*' cannot be combined with other values in ${SPECS[i].name}`;
    for (const part of parts) {
      const problem = checkPart(SPECS[i], part);
      if (problem) return problem;
    }
  }
  const domAny = fields[2] === '?';
  const dowAny = fields[4] === '?';
  if (domAny && dowAny) return "Day-of-month and Day-of-week cannot both be '?'; give one of them a value";
  if (!domAny && !dowAny) return "Day-of-month and Day-of-week cannot both be specified: one of them must be '?'";
  return undefined;
}

/** The values a plain numeric field (Minutes, Hours) takes, sorted. */
function expand(field: string, min: number, max: number): number[] {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(part);
    if (!m) continue;
    const start = m[1] === '*' ? min : Number(m[1]);
    const end = m[2] !== undefined ? Number(m[2]) : m[1] === '*' || m[3] !== undefined ? max : start;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    for (let v = start; v <= end; v += step) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

export const expandMinutes = (field: string) => expand(field, 0, 59);
export const expandHours = (field: string) => expand(field, 0, 23);
