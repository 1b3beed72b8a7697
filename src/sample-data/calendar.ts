// Date arithmetic and the date formats the data sets use, all in UTC so the output never depends on
// the machine's time zone.
import { invalidInput } from '../kernel/errors.js';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Parses 'yyyy-mm-dd' to midnight UTC; anything else is an InvalidInputException. */
export function parseDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(t) || isoDay(t) !== text) throw invalidInput(`'${text}' is not a date in the form yyyy-mm-dd`);
  return t;
}

/** 'yyyy-mm-dd' */
export function isoDay(t: number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** 'yyyy/mm/dd', the folder layout of incoming orders. */
export function dayPath(t: number): string {
  return isoDay(t).replaceAll('-', '/');
}

/** 'yyyy-mm-ddThh:mm:ssZ' */
export function isoSeconds(t: number): string {
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** 'dd-mm-yyyy', the Kaggle set's Dt_Customer. */
export function dayFirstDashed(t: number): string {
  const d = new Date(t);
  return `${pad(d.getUTCDate())}-${pad(d.getUTCMonth() + 1)}-${d.getUTCFullYear()}`;
}

/** 'dd/MM/yyyy HH:mm', one of the stray order_ts formats. */
export function dayFirstSlashed(t: number): string {
  const d = new Date(t);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
