// Splits JSON text into its records without parsing it whole: NDJSON, concatenated (pretty-printed)
// objects, or the elements of one top-level array. A sample cut off mid-record loses only that record.

export interface SplitJson {
  /** The source text of each complete record. */
  values: string[];
  /** Where each record starts in the text. */
  offsets: number[];
  /** The text was one top-level array whose elements are the records. */
  array: boolean;
  /** Characters the complete records span. */
  consumed: number;
  /** A complete text ended inside a record: the file is malformed. */
  truncated: boolean;
  /** Where that record starts. */
  truncatedAt?: number;
}

const WS = new Set([' ', '\t', '\n', '\r']);

/** Index just past the value starting at i, or -1 when the text ends inside it. */
function valueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '{' || c === '[') {
    let depth = 0;
    let inString = false;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (inString) {
        if (d === '\\') j++;
        else if (d === '"') inString = false;
      } else if (d === '"') inString = true;
      else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        if (--depth === 0) return j + 1;
      }
    }
    return -1;
  }
  if (c === '"') {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '\\') j++;
      else if (text[j] === '"') return j + 1;
    }
    return -1;
  }
  let j = i;
  while (j < text.length && !WS.has(text[j]) && text[j] !== ',' && text[j] !== ']' && text[j] !== '}') j++;
  return j === i ? i + 1 : j;
}

export function splitJson(text: string, complete: boolean, maxValues = Infinity): SplitJson {
  let i = 0;
  while (i < text.length && WS.has(text[i])) i++;
  const array = text[i] === '[';
  if (array) i++;
  const values: string[] = [];
  const offsets: number[] = [];
  let consumed = i;
  let truncated = false;
  let truncatedAt: number | undefined;
  while (i < text.length && values.length < maxValues) {
    while (i < text.length && (WS.has(text[i]) || (array && text[i] === ','))) i++;
    if (i >= text.length || (array && text[i] === ']')) break;
    const end = valueEnd(text, i);
    // A scalar running into the end of a cut sample may be cut too.
    if (end < 0 || (end >= text.length && !complete)) {
      truncated = complete;
      truncatedAt = i;
      break;
    }
    values.push(text.slice(i, end));
    offsets.push(i);
    i = consumed = end;
  }
  return { values, offsets, array, consumed, truncated, truncatedAt };
}

/** NDJSON split by lines: one damaged line then costs that line only, not every record after it. */
export function splitLines(text: string, complete: boolean): SplitJson {
  const values: string[] = [];
  const offsets: number[] = [];
  let consumed = 0;
  for (let i = 0; i < text.length;) {
    const nl = text.indexOf('\n', i);
    // The last line of a cut sample may be cut too.
    if (nl < 0 && !complete) break;
    const end = nl < 0 ? text.length : nl + 1;
    const line = text.slice(i, end).trim();
    if (line) {
      values.push(line);
      offsets.push(i);
    }
    i = consumed = end;
  }
  return { values, offsets, array: false, consumed, truncated: false };
}

/** The 1-based line of an offset in the text. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * A JSON document cut off by the end of the sample, cut back to its last complete member and closed,
 * so that a document larger than the sample (a GeoJSON FeatureCollection) still shows its shape.
 * Undefined when not even the first member is complete.
 */
export function closeTruncated(text: string): string | undefined {
  const open: string[] = [];
  let cut: { at: number; closers: string } | undefined;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') open.push('}');
    else if (c === '[') open.push(']');
    else if (c === '}' || c === ']') {
      if (open.pop() !== c) return undefined;
      if (!open.length) return undefined; // complete after all: not a truncated document
    } else if (c === ',' && open.length) cut = { at: i, closers: [...open].reverse().join('') };
  }
  return cut ? text.slice(0, cut.at) + cut.closers : undefined;
}
