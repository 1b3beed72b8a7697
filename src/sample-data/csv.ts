// RFC 4180 CSV fields: quoted only when they must be (a comma, a double quote or a line break
// inside), with inner quotes doubled, the way Python's csv module and most exporters write them.
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const csvRow = (values: (string | number | boolean | null)[]): string => values.map(csvField).join(',');
