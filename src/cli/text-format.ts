// `--output text`, as the AWS CLI prints it (awscli/text.py): a dict's scalar values on one line,
// tab-separated and sorted by key, led by the upper-cased key it was found under; its lists and dicts
// follow, each under its own key. A list of dicts shares one set of columns (every scalar key seen).
import { pyStr } from './py-str.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => !isObj(v) && !Array.isArray(v);
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function formatText(value: unknown): string {
  const out: string[] = [];
  write(value, out);
  return out.join('');
}

function write(item: unknown, out: string[], identifier?: string, scalarKeys?: string[]): void {
  if (isObj(item)) writeDict(item, out, identifier, scalarKeys);
  else if (Array.isArray(item)) writeList(item, out, identifier);
  else out.push(`${pyStr(item)}\n`);
}

function writeList(item: unknown[], out: string[], identifier?: string): void {
  if (!item.length) return;
  if (item.some(isObj)) {
    const keys = allScalarKeys(item.filter(isObj));
    for (const el of item) write(el, out, identifier, keys);
  } else if (item.some(Array.isArray)) {
    const scalars = item.filter(isScalar);
    if (scalars.length) writeScalars(scalars, out, identifier);
    for (const el of item.filter((e) => !isScalar(e))) write(el, out, identifier);
  } else writeScalars(item, out, identifier);
}

function writeScalars(elements: unknown[], out: string[], identifier?: string): void {
  if (identifier !== undefined) for (const el of elements) out.push(`${identifier.toUpperCase()}\t${pyStr(el)}\n`);
  else out.push(`${elements.map(pyStr).join('\t')}\n`);
}

function writeDict(item: Obj, out: string[], identifier?: string, scalarKeys?: string[]): void {
  const scalars: string[] = [];
  const nested: [string, unknown][] = [];
  if (!scalarKeys) {
    for (const key of Object.keys(item).sort(byKey)) {
      if (isScalar(item[key])) scalars.push(pyStr(item[key]));
      else nested.push([key, item[key]]);
    }
  } else {
    for (const key of scalarKeys) scalars.push(key in item ? pyStr(item[key]) : '');
    for (const key of Object.keys(item)
      .filter((k) => !scalarKeys.includes(k))
      .sort(byKey))
      nested.push([key, item[key]]);
  }
  if (scalars.length) {
    if (identifier !== undefined) scalars.unshift(identifier.toUpperCase());
    out.push(`${scalars.join('\t')}\n`);
  }
  for (const [key, value] of nested) write(value, out, key);
}

function allScalarKeys(dicts: Obj[]): string[] {
  const seen = new Set<string>();
  for (const d of dicts) for (const [k, v] of Object.entries(d)) if (isScalar(v)) seen.add(k);
  return [...seen].sort(byKey);
}
