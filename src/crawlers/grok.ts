// Grok: `%{PATTERN:field}` and `%{PATTERN:field:type}` expand to named captures; fields become
// columns (string unless cast to byte, boolean, double, short, int, long or float). Lines are matched
// whole, one at a time, as Glue's grok classifier does.
import { invalidInput } from '../kernel/errors.js';
import { BUILTIN_PATTERNS, parsePatternLines } from './grok-patterns.js';

export interface GrokField {
  name: string;
  type: string;
}

export interface CompiledGrok {
  regex: RegExp;
  fields: GrokField[];
  /** Capture group name of each field, by index into fields. */
  groups: string[];
}

const CASTS: Record<string, string> = {
  byte: 'tinyint',
  boolean: 'boolean',
  double: 'double',
  short: 'smallint',
  int: 'int',
  long: 'bigint',
  float: 'float',
};

export function compileGrok(pattern: string, customPatterns?: string): CompiledGrok {
  const library = new Map([...BUILTIN_PATTERNS, ...parsePatternLines(customPatterns ?? '')]);
  const fields: GrokField[] = [];
  const groups: string[] = [];
  const expand = (text: string, depth: number): string => {
    if (depth > 30) throw invalidInput(`Grok pattern '${pattern}' refers to itself recursively`);
    return text.replace(/%\{(\w+)(?::([^:}]+))?(?::(\w+))?\}/g, (_, name: string, field?: string, cast?: string) => {
      const body = library.get(name);
      if (body === undefined) throw invalidInput(`Grok pattern %{${name}} is not defined (neither built in nor among the custom patterns)`);
      const inner = expand(body, depth + 1);
      if (!field) return `(?:${inner})`;
      if (cast && !CASTS[cast])
        throw invalidInput(`Grok field ${field} has the type '${cast}'; the types are ${Object.keys(CASTS).join(', ')}`);
      const group = `g${groups.length}`;
      groups.push(group);
      fields.push({ name: field, type: cast ? CASTS[cast] : 'string' });
      return `(?<${group}>${inner})`;
    });
  };
  const source = expand(pattern, 0);
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${source})$`);
  } catch (e) {
    throw invalidInput(`Grok pattern '${pattern}' is not a valid regular expression: ${(e as Error).message}`);
  }
  return { regex, fields, groups };
}

/** The named values of a line, or undefined when the line does not match. */
export function matchGrok(grok: CompiledGrok, line: string): Map<string, string> | undefined {
  const m = grok.regex.exec(line);
  if (!m) return undefined;
  const out = new Map<string, string>();
  grok.fields.forEach((f, i) => {
    const v = m.groups?.[grok.groups[i]];
    // A field named twice (alternatives) keeps the branch that matched.
    if (v !== undefined || !out.has(f.name)) out.set(f.name, v ?? '');
  });
  return out;
}
