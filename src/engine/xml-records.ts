// XML to NDJSON (see record-decode.ts), streaming: rows are the elements named by the row tag
// (Glue's `rowTag` format option; without it, the root's first child element, as the crawler
// guesses). The text is scanned for the row tag's start and end tags; each complete element is
// validated and parsed on its own (fast-xml-parser, as the crawler's classifier parses), so a
// malformed row is one bad record at its line while the rows around it are read. As in Glue,
// self-closing row elements hold no row; attributes are `_name` fields, text beside them `_VALUE`.
// Row elements do not nest: an opening row tag inside an unclosed row ends that row as malformed.
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { BadLine } from './inspect-file.js';
import type { ColumnInfo } from './query-engine.js';
import { jsonText, LineWriter, MAX_KEPT, type DecodedFile } from './record-decode.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '_',
  textNodeName: '_VALUE',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const lines = (s: string, from = 0, to = s.length) => {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

/** The first element inside the root (the crawler's guess, for a source without rowTag). */
export function guessRowTag(text: string): string | undefined {
  const body = text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, '');
  const tags = [...body.matchAll(/<([A-Za-z_][\w.:-]*)[\s>/]/g)].slice(0, 2);
  return tags.length === 2 ? tags[1][1] : undefined;
}

export async function xmlToNdjson(stream: Readable, target: string, o: { rowTag?: string; columns?: ColumnInfo[] }): Promise<DecodedFile> {
  const out = new LineWriter(target);
  const bad: BadLine[] = [];
  let records = 0;
  // A column declared as an array takes a row's single element as a list of one (XML cannot tell).
  const lists = new Set((o.columns ?? []).filter((c) => c.type.trim().endsWith('[]')).map((c) => c.name.toLowerCase()));
  const decoder = new StringDecoder('utf8');
  let text = '';
  /** The line of text[cursor]; the cursor only moves forward (lines are counted once). */
  let cursor = 0;
  let cursorLine = 1;
  const lineOf = (i: number) => {
    cursorLine += lines(text, cursor, i);
    cursor = i;
    return cursorLine;
  };
  let tag = o.rowTag;
  let re: RegExp | undefined;
  /** Index in text where the open row element starts, -1 when none is open. */
  let start = -1;
  let startLine = 0;
  let started = false;
  /** Where the next scan of text starts. */
  let pos = 0;

  const badRow = (source: string, line: number, reason: string) => {
    records++;
    bad.push({
      line,
      text: source.slice(0, MAX_KEPT),
      reason: source.length > MAX_KEPT ? `${reason}; the record is ${source.length} characters, kept here cut to ${MAX_KEPT}` : reason,
    });
  };
  const row = async (source: string, line: number) => {
    const valid = XMLValidator.validate(source);
    if (valid !== true) return badRow(source, line + valid.err.line - 1, `malformed <${tag}> element (${valid.err.msg})`);
    let value: unknown;
    try {
      value = (parser.parse(source) as Record<string, unknown>)[tag!];
    } catch (e) {
      return badRow(source, line, `malformed <${tag}> element (${e instanceof Error ? e.message : String(e)})`);
    }
    const record = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { _VALUE: value };
    if (lists.size)
      for (const k of Object.keys(record)) if (lists.has(k.toLowerCase()) && !Array.isArray(record[k])) record[k] = [record[k]];
    records++;
    await out.write(jsonText(record));
  };

  /** Scans text up to its last '>' (later text may hold half a tag) and drops what is done. */
  const scan = async (final: boolean) => {
    if (!started) {
      const head = text.trimStart();
      if (!head) return;
      if (!head.startsWith('<')) throw new NotXml();
      tag ??= guessRowTag(text);
      if (!tag) {
        if (final) throw new NotXml('no row elements (give the source a rowTag)');
        return;
      }
      re = new RegExp(`<(/?)${escapeRe(tag)}(?=[\\s>/])[^>]*?(/?)>`, 'g');
      started = true;
    }
    // A tag ends at its first '>', so every match that ends before the last '>' is whole.
    const limit = final ? text.length : text.lastIndexOf('>') + 1;
    re!.lastIndex = pos;
    for (let m = re!.exec(text); m && m.index + m[0].length <= limit; m = re!.exec(text)) {
      const [whole, closing, selfClosing] = m;
      pos = m.index + whole.length;
      if (selfClosing) continue;
      if (!closing) {
        if (start >= 0)
          badRow(text.slice(start, m.index), startLine, `<${tag}> opened at line ${startLine} is not closed before the next <${tag}>`);
        start = m.index;
        startLine = lineOf(start);
      } else if (start >= 0) {
        await row(text.slice(start, pos), startLine);
        start = -1;
      }
    }
    if (final && start >= 0) badRow(text.slice(start), startLine, `the file ends inside <${tag}> opened at line ${startLine}`);
    // Keep the open element, or else the tail past the last whole tag; what lies before is done.
    const keepFrom = start >= 0 ? start : limit;
    lineOf(Math.max(cursor, keepFrom));
    cursor -= keepFrom;
    text = text.slice(keepFrom);
    pos = Math.max(0, pos - keepFrom);
    if (start >= 0) start = 0;
  };

  try {
    for await (const chunk of stream) {
      text += decoder.write(chunk as Buffer);
      await scan(false);
    }
    text += decoder.end();
    await scan(true);
  } catch (e) {
    if (e instanceof NotXml) return { problem: e.message, records: 0, bad: [] };
    throw e;
  } finally {
    await out.end();
    stream.destroy();
  }
  return { records, bad };
}

class NotXml extends Error {
  constructor(why = 'not XML (it does not start with <)') {
    super(why);
  }
}
