// A file's sample as text, for the text classifiers (CSV, JSON, XML, grok). Binary data (a NUL in
// the first kilobytes) is not text; a UTF-8 byte-order mark is dropped; UTF-16 with a BOM is decoded.
import type { Compression } from './compression.js';
import type { FileSample } from './file-sample.js';

export interface TextSample {
  text: string;
  /** The sample is the whole file: its last line is a whole record. */
  complete: boolean;
  compression: Compression;
}

export function textOf(sample: FileSample): TextSample | undefined {
  const { data } = sample;
  let text: string;
  if (data[0] === 0xff && data[1] === 0xfe) text = new TextDecoder('utf-16le').decode(data.subarray(2));
  else if (data[0] === 0xfe && data[1] === 0xff) text = new TextDecoder('utf-16be').decode(data.subarray(2));
  else {
    if (data.subarray(0, 8192).includes(0)) return undefined;
    text = new TextDecoder('utf-8').decode(data);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  }
  return { text, complete: sample.complete, compression: sample.compression };
}

/** The sample's whole lines (a cut-off last line is dropped), without blank ones. */
export function linesOf(sample: TextSample, max = 1000): string[] {
  const lines = sample.text.split(/\r?\n/);
  if (!sample.complete) lines.pop();
  return lines.filter((l) => l.trim() !== '').slice(0, max);
}
