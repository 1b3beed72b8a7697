// Turns `--param-name value …` into an operation's input, by the input shape of the Glue model, the
// way the AWS CLI does: JSON for structures, lists and maps (or shorthand Key=Value,Key=Value), a
// list from several values, --flag/--no-flag for booleans, file://path for any value, and
// --cli-input-json for the whole input.
import { readFileSync } from 'node:fs';
import { loadGlueModel, shape } from '../kernel/model.js';
import { invalidInput } from '../kernel/errors.js';
import { kebab } from './aws-names.js';

function readValue(v: string): string {
  if (v.startsWith('file://')) return readFileSync(v.slice('file://'.length), 'utf8');
  return v;
}

function parseShorthand(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const i = part.indexOf('=');
    if (i < 1) throw invalidInput(`Error parsing parameter: expected Key=Value, got '${part}'`);
    out[part.slice(0, i).trim()] = part.slice(i + 1);
  }
  return out;
}

function convert(shapeName: string, values: string[], flag: string): unknown {
  const s = shape(shapeName);
  const one = () => {
    if (values.length !== 1) throw invalidInput(`${flag} takes one value, got ${values.length}`);
    return readValue(values[0]);
  };
  switch (s.type) {
    case 'structure':
    case 'map': {
      const text = one().trim();
      if (text.startsWith('{')) return parseJson(text, flag);
      return parseShorthand(text);
    }
    case 'list': {
      if (values.length === 1 && values[0].trim().startsWith('[')) return parseJson(readValue(values[0]), flag);
      const member = shape(s.member!.shape);
      return values.map((v) =>
        member.type === 'structure' || member.type === 'map' ? (v.trim().startsWith('{') ? parseJson(v, flag) : parseShorthand(v)) : v,
      );
    }
    case 'boolean':
      return values.length === 0 ? true : one() === 'true';
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return Number(one());
    default:
      return one();
  }
}

function parseJson(text: string, flag: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw invalidInput(`Error parsing parameter '${flag}': Invalid JSON: ${(e as Error).message}`);
  }
}

export function parseGlueArgs(operation: string, argv: string[]): Record<string, unknown> {
  const spec = loadGlueModel().operations[operation];
  const members = spec.input ? (shape(spec.input.shape).members ?? {}) : {};
  const byFlag = new Map(Object.entries(members).map(([name, ref]) => [kebab(name), { name, ref }]));
  let input: Record<string, unknown> = {};
  const explicit: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw invalidInput(`Unknown options: ${arg}`);
    const flag = arg.slice(2);
    const values: string[] = [];
    while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) values.push(argv[++i]);
    if (flag === 'cli-input-json') {
      input = parseJson(readValue(values[0] ?? '{}'), arg) as Record<string, unknown>;
      continue;
    }
    const negated = flag.startsWith('no-') && byFlag.has(flag.slice(3));
    const member = byFlag.get(negated ? flag.slice(3) : flag);
    if (!member) {
      const known = [...byFlag.keys()].map((k) => `--${k}`).join(', ');
      throw invalidInput(`Unknown options: ${arg}. ${operation} takes: ${known || 'no parameters'}`);
    }
    explicit[member.name] = negated ? false : convert(member.ref.shape, values, arg);
  }
  return { ...input, ...explicit };
}
