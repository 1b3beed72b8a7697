// The DQDL document (§4.1): Metadata? DataSources? constants* DefaultLabels? (Rules | Analyzers |
// Rules Analyzers). A hand-written recursive-descent parser: small, and every error names the line,
// the column and what was expected there.
import type { Analyzer, Rule, Ruleset } from './ast.js';
import { DqdlError, type Position } from './errors.js';
import { Cursor } from './cursor.js';
import { tokenize } from './lexer.js';
import { parseAnalyzer, parseLabels, parseTopLevelRule } from './rules.js';

const ORDER = ['Metadata', 'DataSources', 'constant', 'DefaultLabels', 'Rules', 'Analyzers'] as const;
type Section = (typeof ORDER)[number];

/** Parses a DQDL ruleset; throws DqdlError (an InvalidInputException) pointing at the first problem. */
export function parseDqdl(source: string): Ruleset {
  const variables: Record<string, string | string[]> = {};
  const c = new Cursor(tokenize(source), variables);
  const ruleset: Ruleset = { metadata: {}, variables, defaultLabels: {}, rules: [], analyzers: [] };
  const seen = new Set<Section>();
  let last = -1;
  let sawRules = false;
  while (c.peek().kind !== 'eof') {
    const t = c.peek();
    if (t.kind !== 'word' || !c.isPunct('=', 1))
      c.fail('Rules = [ … ], Analyzers = [ … ], Metadata = { … }, DataSources = { … }, DefaultLabels = [ … ] or a constant (name = "…")');
    const section: Section = (ORDER as readonly string[]).includes(t.text) && t.text !== 'constant' ? (t.text as Section) : 'constant';
    const index = ORDER.indexOf(section);
    if (section !== 'constant' && seen.has(section)) throw new DqdlError(`${section} is given twice`, t.start);
    if (index < last) {
      const later = ORDER[last] === 'constant' ? 'constants' : ORDER[last];
      throw new DqdlError(`${section === 'constant' ? `Constant ${t.text}` : section} must come before ${later}`, t.start);
    }
    seen.add(section);
    last = index;
    switch (section) {
      case 'Metadata':
        ruleset.metadata = parseMetadata(c);
        break;
      case 'DataSources':
        ruleset.dataSources = parseDataSources(c);
        break;
      case 'constant':
        parseConstant(c, variables);
        break;
      case 'DefaultLabels':
        ruleset.defaultLabels = parseLabels(c, 'DefaultLabels');
        break;
      case 'Rules':
        sawRules = true;
        ruleset.rules = parseList(c, 'Rules', () => parseTopLevelRule(c));
        break;
      case 'Analyzers':
        ruleset.analyzers = parseList<Analyzer>(c, 'Analyzers', () => parseAnalyzer(c));
        break;
    }
  }
  if (!ruleset.rules.length && !ruleset.analyzers.length) {
    const at = c.peek().start;
    throw new DqdlError(
      sawRules || seen.has('Analyzers') ? 'No rules or analyzers provided.' : 'Expected Rules = [ … ] or Analyzers = [ … ]',
      at,
    );
  }
  return ruleset;
}

function parseList<T extends Rule | Analyzer>(c: Cursor, section: string, item: () => T): T[] {
  c.next();
  c.expectPunct('=', ` after ${section}`);
  c.expectPunct('[', ` to start the ${section} list`);
  const items: T[] = [];
  if (c.acceptPunct(']')) return items;
  do items.push(item());
  while (c.acceptPunct(','));
  if (!c.isPunct(']')) c.fail(`',' between ${section.toLowerCase()} or ']' to close the ${section} list`);
  c.next();
  return items;
}

/** { "key": "value" | ["v", …], … }: dictionaries hold strings and string arrays only. */
function parseDictionary(c: Cursor, section: string): [string, string | string[], Position][] {
  c.next();
  c.expectPunct('=', ` after ${section}`);
  c.expectPunct('{', ` to start the ${section} dictionary`);
  const pairs: [string, string | string[], Position][] = [];
  if (c.acceptPunct('}')) return pairs;
  do {
    const k = c.expectKind('string', 'a quoted key');
    c.expectPunct(':', ` after "${k.text}"`);
    let value: string | string[];
    if (c.acceptPunct('[')) {
      value = [];
      if (!c.isPunct(']')) {
        do value.push(c.expectKind('string', 'a quoted string').text);
        while (c.acceptPunct(','));
      }
      c.expectPunct(']', ' to close the list');
    } else value = c.expectKind('string', `a quoted string or a list of them for "${k.text}"`).text;
    pairs.push([k.text, value, k.start]);
  } while (c.acceptPunct(','));
  c.expectPunct('}', ` to close the ${section} dictionary`);
  return pairs;
}

function parseMetadata(c: Cursor): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v, at] of parseDictionary(c, 'Metadata')) {
    if (k !== 'Version') throw new DqdlError(`Unsupported key provided in Metadata section: "${k}" (only "Version" is allowed)`, at);
    if (typeof v !== 'string') throw new DqdlError('Metadata "Version" must be a string, e.g. "1.0"', at);
    out[k] = v;
  }
  return out;
}

function parseDataSources(c: Cursor): { primary?: string; additional: string[] } {
  const out: { primary?: string; additional: string[] } = { additional: [] };
  for (const [k, v, at] of parseDictionary(c, 'DataSources')) {
    if (k === 'Primary' && typeof v === 'string') out.primary = v;
    else if (k === 'AdditionalDataSources' && Array.isArray(v)) out.additional = v;
    else if (k === 'AdditionalDataSources') throw new DqdlError('Additional sources must be an array of values.', at);
    else if (k === 'Primary') throw new DqdlError('"Primary" must be a single quoted alias', at);
    else throw new DqdlError(`Unsupported key provided in DataSources section: "${k}" (allowed: "Primary", "AdditionalDataSources")`, at);
  }
  return out;
}

function parseConstant(c: Cursor, variables: Record<string, string | string[]>): void {
  const name = c.next();
  if (name.text.startsWith('.') || name.text.startsWith('_'))
    throw new DqdlError(`Constant names must not start with '.' or '_': ${name.text}`, name.start);
  if (name.text in variables) throw new DqdlError(`Constant ${name.text} is declared twice`, name.start);
  c.expectPunct('=');
  if (c.acceptPunct('[')) {
    const list: string[] = [];
    do list.push(c.expectKind('string', 'a quoted string (constant lists hold strings only)').text);
    while (c.acceptPunct(','));
    c.expectPunct(']', ' to close the list');
    variables[name.text] = list;
  } else variables[name.text] = c.expectKind('string', `a quoted string or a list of them for constant ${name.text}`).text;
}
