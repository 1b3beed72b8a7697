// XML classification: row tags given or guessed, attributes, nesting, repetition, and Glue's rule
// that self-closing row elements are not rows.
import { describe, expect, it } from 'vitest';
import { classifyXml, guessRowTag } from './xml-classifier.js';
import { renderType } from './glue-type.js';
import type { TextSample } from './text-sample.js';

const sample = (text: string, complete = true): TextSample => ({ text, complete, compression: 'none' });
const cols = (v: ReturnType<typeof classifyXml>) => v.schema?.columns.map((c) => `${c.name}:${renderType(c.type)}`);

const BOOKS = `<?xml version="1.0"?>
<!-- a catalogue -->
<catalog>
  <book id="bk101" lang="en">
    <author>Gambardella, Matthew</author>
    <price>44.95</price>
    <year>2000</year>
    <tag>xml</tag><tag>dev</tag>
    <publisher><name>Wrox</name><city>Chicago</city></publisher>
  </book>
  <book id="bk102">
    <author>Ralls, Kim</author>
    <price>5</price>
    <year>2001</year>
    <tag>fantasy</tag>
  </book>
</catalog>`;

describe('XML classifier', () => {
  it('reads the rows a RowTag names: attributes as _name, nested elements as structs, repeats as arrays', () => {
    const v = classifyXml(sample(BOOKS), 'book');
    expect(v.certainty).toBe(1);
    expect(cols(v)).toEqual([
      'author:string',
      'price:double',
      'year:bigint',
      'tag:array<string>',
      'publisher:struct<name:string,city:string>',
      '_id:string',
      '_lang:string',
    ]);
    expect(v.schema!.records).toBe(2);
    expect(v.schema!.format.parameters).toEqual({ rowTag: 'book' });
  });

  it('guesses the row tag from the first element inside the root', () => {
    expect(guessRowTag(BOOKS)).toBe('book');
    expect(classifyXml(sample(BOOKS), undefined).schema!.format.classification).toBe('xml');
  });

  it('does not read self-closing row elements', () => {
    const v = classifyXml(sample('<rows><row a="1"/><row a="2"/></rows>'), 'row');
    expect(v.certainty).toBe(0);
    expect(v.reason).toMatch(/self-closing/);
    expect(cols(classifyXml(sample('<rows><row a="1"></row><row a="2"/></rows>'), 'row'))).toEqual(['_a:bigint']);
  });

  it('is no match for text that is not XML or lacks the row tag', () => {
    expect(classifyXml(sample('{"a":1}'), 'row').certainty).toBe(0);
    expect(classifyXml(sample(BOOKS), 'magazine').certainty).toBe(0);
  });
});
