// XML classification. Rows are the elements named by the row tag (a custom classifier's RowTag, or
// else the root's first child element). As in Glue, self-closing row elements (`<row a="x"/>`) are
// not rows. Attributes become `_name` columns, text beside attributes `_VALUE`, nested elements
// structs and repeated elements arrays; text values are typed like CSV cells.
import { XMLParser } from 'fast-xml-parser';
import { collectValues, noMatch, type FileSchema, type Verdict } from './file-schema.js';
import { mergeFields, mergeTypes, NULL, prim, type GlueType } from './glue-type.js';
import { textColumnType } from './text-types.js';
import type { TextSample } from './text-sample.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '_',
  textNodeName: '_VALUE',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MAX_ROWS = 1000;

/** The source of each complete `<tag …>…</tag>` element, nested same-name elements included. */
function rowElements(text: string, tag: string): { rows: string[]; consumed: number } {
  const re = new RegExp(`<(/?)${escapeRe(tag)}(?=[\\s>/])[^>]*?(/?)>`, 'g');
  const rows: string[] = [];
  let depth = 0;
  let start = -1;
  let consumed = 0;
  for (let m = re.exec(text); m && rows.length < MAX_ROWS; m = re.exec(text)) {
    const [whole, closing, selfClosing] = m;
    if (selfClosing) continue;
    if (!closing) {
      if (depth++ === 0) start = m.index;
    } else if (depth > 0 && --depth === 0) {
      rows.push(text.slice(start, m.index + whole.length));
      consumed = m.index + whole.length;
    }
  }
  return { rows, consumed };
}

function xmlType(v: unknown): GlueType {
  if (v === null || v === undefined || v === '') return NULL;
  if (Array.isArray(v)) return { kind: 'array', element: v.map(xmlType).reduce(mergeTypes, NULL) };
  if (typeof v === 'object') return { kind: 'struct', fields: Object.entries(v).map(([k, x]) => [k, xmlType(x)] as [string, GlueType]) };
  return prim(textColumnType([String(v)]));
}

/** The first element inside the root: the built-in classifier's guess at the row tag. */
export function guessRowTag(text: string): string | undefined {
  const body = text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, '');
  const tags = [...body.matchAll(/<([A-Za-z_][\w.:-]*)[\s>/]/g)].slice(0, 2);
  return tags.length === 2 ? tags[1][1] : undefined;
}

export function classifyXml(sample: TextSample, rowTag: string | undefined, classification = 'xml'): Verdict {
  if (!sample.text.trimStart().startsWith('<')) return noMatch();
  const tag = rowTag ?? guessRowTag(sample.text);
  if (!tag) return noMatch('no row elements');
  const { rows, consumed } = rowElements(sample.text, tag);
  if (!rows.length) return noMatch(`no <${tag}> elements with content (self-closing rows are not read)`);
  let fields: [string, GlueType][] = [];
  const values = new Map<string, string[]>();
  for (const source of rows) {
    let row: unknown;
    try {
      row = (parser.parse(source) as Record<string, unknown>)[tag];
    } catch {
      continue;
    }
    const record = row && typeof row === 'object' ? (row as Record<string, unknown>) : { _VALUE: row };
    fields = mergeFields(fields, (xmlType(record) as { fields: [string, GlueType][] }).fields);
    for (const [k, v] of Object.entries(record)) if (typeof v === 'string') collectValues(values, k.toLowerCase(), v);
  }
  if (!fields.length) return noMatch(`<${tag}> elements hold no fields`);
  const complete = sample.complete && rows.length < MAX_ROWS;
  const schema: FileSchema = {
    format: {
      classification,
      inputFormat: 'com.ibm.spss.hive.serde2.xml.XmlInputFormat',
      outputFormat: 'org.apache.hadoop.hive.ql.io.IgnoreKeyTextOutputFormat',
      serdeLibrary: 'com.ibm.spss.hive.serde2.xml.XmlSerDe',
      serdeParameters: {},
      parameters: { rowTag: tag },
      compatKey: `xml:${tag}`,
    },
    compression: sample.compression,
    columns: fields.map(([name, type]) => ({ name: name.toLowerCase(), type })),
    records: complete ? rows.length : Math.round((rows.length * sample.text.length) / Math.max(1, consumed)),
    sampleBytes: consumed,
    complete,
    values,
  };
  return { certainty: 1, schema };
}
