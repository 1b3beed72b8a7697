// How `sluice logs` prints an entry for people: time, level, message, then the other fields as
// key=value (values that are not plain text as JSON), and a stack on its own lines.
export interface PrintableEntry {
  Time: string;
  Level: string;
  Message: string;
  Fields: Record<string, unknown>;
}

const HIDDEN = new Set(['pid', 'hostname', 'stack']);

const value = (v: unknown) => (typeof v === 'string' && /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v));

export function formatEntry(e: PrintableEntry): string {
  const fields = Object.entries(e.Fields)
    .filter(([k, v]) => !HIDDEN.has(k) && v !== undefined)
    .map(([k, v]) => `${k}=${value(v)}`);
  const line = [e.Time || '-', e.Level.toUpperCase().padEnd(5), e.Message, ...fields].join('  ').trimEnd();
  const stack = typeof e.Fields.stack === 'string' ? `\n${e.Fields.stack.replace(/^/gm, '    ')}` : '';
  return `${line}${stack}\n`;
}
