// Input echoed in an error message is cut to a short excerpt: a 10 MB bad value must not come back in
// full, and a message is read by people, who need the start of the value to recognise it.
export const EXCERPT_CHARS = 120;

export function excerpt(value: unknown, max = EXCERPT_CHARS): string {
  const s = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const oneLine = s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return oneLine.length > max ? `'${oneLine.slice(0, max)}…' (${s.length} characters)` : `'${oneLine}'`;
}
