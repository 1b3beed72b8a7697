// Splits JSON text into its records without parsing it whole: NDJSON, concatenated (pretty-printed)
// objects, or the elements of one top-level array. A sample cut off mid-record loses only that record.

export interface SplitJson {
  /** The source text of each complete record. */
  values: string[];
  /** The text was one top-level array whose elements are the records. */
  array: boolean;
  /** Characters the complete records span. */
  consumed: number;
  /** A complete text ended inside a record: the file is malformed. */
  truncated: boolean;
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
  let consumed = i;
  let truncated = false;
  while (i < text.length && values.length < maxValues) {
    while (i < text.length && (WS.has(text[i]) || (array && text[i] === ','))) i++;
    if (i >= text.length || (array && text[i] === ']')) break;
    const end = valueEnd(text, i);
    // A scalar running into the end of a cut sample may be cut too.
    if (end < 0 || (end >= text.length && !complete)) {
      truncated = complete;
      break;
    }
    values.push(text.slice(i, end));
    i = consumed = end;
  }
  return { values, array, consumed, truncated };
}
