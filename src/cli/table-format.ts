// `--output table`, as the AWS CLI draws it (awscli/formatter.py TableFormatter and awscli/table.py):
// one section per dict or list, titled by its key (the operation's name at the top), scalar keys as
// centred column headers, nested values as indented sections; too wide for the terminal, single-row
// sections turn vertical. No colours (the CLI colours only a terminal).
import { pyStr, textLength } from './py-str.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => !isObj(v) && !Array.isArray(v);
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

class Section {
  title = '';
  headers: string[] = [];
  rows: string[][] = [];
  indent = 0;
  private cols?: number;
  private maxWidths: number[] = [];

  addHeader(headers: string[]): void {
    this.widen(headers);
    this.cols ??= headers.length;
    this.headers = headers;
  }

  addRow(row: unknown[]): void {
    this.cols ??= row.length;
    if (row.length !== this.cols) throw new Error(`Row should have ${this.cols} elements, instead it has ${row.length}`);
    const cells = row.map(pyStr);
    this.rows.push(cells);
    this.widen(cells);
  }

  private widen(row: string[]): void {
    if (!this.maxWidths.length) this.maxWidths = row.map(textLength);
    else row.forEach((el, i) => (this.maxWidths[i] = Math.max(textLength(el), this.maxWidths[i] ?? 0)));
  }

  columnWidths(padding = 0, maxWidth?: number): number[] {
    const unscaled = this.maxWidths.map((w) => w + padding);
    if (maxWidth === undefined || !unscaled.length) return unscaled;
    const factor = maxWidth / unscaled.reduce((a, b) => a + b, 0);
    const scaled = unscaled.map((w) => roundHalfEven(factor * w));
    let off = scaled.reduce((a, b) => a + b, 0) - maxWidth;
    while (off !== 0) {
      const order = scaled.map((_, i) => i);
      if (off < 0) order.reverse();
      for (const i of order) {
        const step = off > 0 ? -1 : 1;
        scaled[i] += step;
        off += step;
        if (off === 0) break;
      }
    }
    return scaled;
  }

  totalWidth(padding: number, outer: number): number {
    const total = this.columnWidths().reduce((a, w) => a + w + padding, 0) + 2 + outer * 2;
    return Math.max(textLength(this.title) + 2 + outer * 2, total);
  }
}

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (Math.abs(d - 0.5) < 1e-9) return f % 2 === 0 ? f : f + 1;
  return Math.round(x);
}

function center(text: string, length: number, left = '|', right = '|'): string {
  const n = textLength(text);
  const start = Math.floor(length / 2) - Math.floor(n / 2) - 1;
  const head = left + ' '.repeat(Math.max(0, start)) + text;
  const soFar = textLength(left) + start + n;
  return head + ' '.repeat(Math.max(0, length - textLength(right) - soFar)) + right;
}

function alignLeft(text: string, length: number, left: string, right: string): string {
  const n = textLength(text);
  const padding = length - (n + 2 + textLength(left) + textLength(right)) >= 0 ? 2 : 0;
  const soFar = left.length + padding + n;
  return left + ' '.repeat(padding) + text + ' '.repeat(Math.max(0, length - soFar - right.length)) + right;
}

class Table {
  sections: Section[] = [];
  private current?: Section;

  newSection(title: string, indent = 0): void {
    this.current = new Section();
    this.current.title = title;
    this.current.indent = indent;
    this.sections.push(this.current);
  }
  header(h: string[]): void {
    this.current!.addHeader(h);
  }
  row(r: unknown[]): void {
    this.current!.addRow(r);
  }

  render(terminalWidth: number): string {
    let max = this.maxWidth();
    if (max > terminalWidth) {
      this.sections = this.sections.map(vertical);
      max = this.maxWidth();
    }
    const out: string[] = [`${'-'.repeat(max)}\n`];
    for (const s of this.sections) renderSection(s, max, out);
    return out.join('');
  }

  private maxWidth(): number {
    return Math.max(...this.sections.map((s) => s.totalWidth(4, s.indent)));
  }
}

function vertical(s: Section): Section {
  if (s.rows.length !== 1 || !s.headers.length) return s;
  const v = new Section();
  v.title = s.title;
  v.indent = s.indent;
  s.headers.forEach((h, i) => v.addRow([h, s.rows[0][i]]));
  return v;
}

function renderSection(s: Section, maxWidth: number, out: string[]): void {
  const bar = '|'.repeat(s.indent);
  const line = (text: string) => out.push(`${bar}${text}${bar}\n`);
  const width = maxWidth - s.indent * 2;
  if (s.title) {
    line(center(s.title, width));
    if (!s.headers.length && !s.rows.length) line(`+${'-'.repeat(width - 2)}+`);
  }
  const breakLine = (widths: number[]) =>
    line(widths.map((w, i) => (i === 0 ? `+${'-'.repeat(w - 2)}+` : `${'-'.repeat(w - 1)}+`)).join(''));
  if (s.headers.length) {
    const widths = s.columnWidths(4, width);
    breakLine(widths);
    line(widths.map((w, i) => center(s.headers[i] ?? '', w, i === 0 ? '|' : '', '|')).join(''));
  }
  if (s.rows.length) {
    const widths = s.columnWidths(4, width);
    if (!widths.length) return;
    breakLine(widths);
    for (const r of s.rows) line(widths.map((w, i) => alignLeft(r[i] ?? '', w, i === 0 ? '|' : '', '|')).join(''));
    breakLine(widths);
  }
}

/** The table the AWS CLI prints for a (queried) response; '' when it prints nothing. */
export function formatTable(title: string, value: unknown, terminalWidth = 80): string {
  const t = new Table();
  return build(t, title, value, 0) ? t.render(terminalWidth) : '';
}

function build(t: Table, title: string | undefined, current: unknown, indent: number): boolean {
  if (!truthy(current)) return false;
  if (title !== undefined) t.newSection(title, indent);
  if (Array.isArray(current)) {
    if (isObj(current[0])) fromList(t, current as Obj[], indent, title);
    else
      for (const item of current) {
        if (isScalar(item)) t.row([item]);
        else if (Array.isArray(item) && item.every(isScalar)) t.row(item);
        else build(t, undefined, item, 0);
      }
  }
  if (isObj(current)) fromDict(t, current, indent);
  return true;
}

/** Python's truthiness of a parsed value: empty strings, lists, dicts, 0 and None are false. */
const truthy = (v: unknown) =>
  !(
    v === null ||
    v === undefined ||
    v === false ||
    v === 0 ||
    v === '' ||
    (Array.isArray(v) && !v.length) ||
    (isObj(v) && !Object.keys(v).length)
  );

function grouped(d: Obj): [string[], string[]] {
  const headers = Object.keys(d)
    .filter((k) => isScalar(d[k]))
    .sort(byKey);
  const more = Object.keys(d)
    .filter((k) => !isScalar(d[k]))
    .sort(byKey);
  return [headers, more];
}

function fromDict(t: Table, d: Obj, indent: number): void {
  const [headers, more] = grouped(d);
  if (headers.length === 1) t.row([headers[0], d[headers[0]]]);
  else if (headers.length) {
    t.header(headers);
    t.row(headers.map((k) => d[k]));
  }
  for (const k of more) build(t, k, d[k], indent + 1);
}

function fromList(t: Table, list: Obj[], indent: number, title: string | undefined): void {
  const hs = new Set<string>();
  const ms = new Set<string>();
  for (const item of list) {
    // Elements that are not dicts have no keys; the CLI would fail on them, Sluice skips them.
    if (!isObj(item)) continue;
    const [h, m] = grouped(item);
    h.forEach((x) => hs.add(x));
    m.forEach((x) => ms.add(x));
  }
  const headers = [...hs].sort(byKey);
  const more = [...ms].sort(byKey);
  t.header(headers);
  list.forEach((el, i) => {
    if (i > 0 && more.length) {
      t.newSection(title ?? '', indent);
      t.header(headers);
    }
    t.row(headers.map((h) => (h in el ? el[h] : '')));
    for (const k of more) if (k in el) build(t, k, el[k], indent + 1);
  });
}
