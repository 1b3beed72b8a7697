// Validates an operation's input against its shape in the Glue API model and normalises it:
// timestamps given as epoch seconds (HTTP) or ISO strings (CLI) become Dates. Messages follow the
// AWS wording ("1 validation error detected: Value null at 'name' failed to satisfy constraint: …")
// and exception (ValidationException, as Glue answers a request that breaks its model's constraints).
import { shape, type Shape } from './model.js';
import { SluiceError } from './errors.js';

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export function validateInput(shapeName: string, input: unknown): Record<string, unknown> {
  const problems: string[] = [];
  const value = walk(shapeName, input ?? {}, '', problems);
  if (problems.length) {
    const n = problems.length;
    throw new SluiceError('ValidationException', `${n} validation error${n > 1 ? 's' : ''} detected: ${problems.join('; ')}`);
  }
  return value as Record<string, unknown>;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return JSON.stringify(v).slice(0, 80);
  return `'${String(v)}'`;
}

function walk(name: string, v: unknown, path: string, problems: string[]): unknown {
  const s = shape(name);
  const at = path || 'input';
  const fail = (constraint: string) => problems.push(`Value ${describe(v)} at '${at}' failed to satisfy constraint: ${constraint}`);
  switch (s.type) {
    case 'structure': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return (fail('Member must be a structure'), v);
      const obj = v as Record<string, unknown>;
      const members = s.members ?? {};
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(obj)) {
        if (!(key in members)) {
          problems.push(`Unknown parameter '${key}' at '${at}', must be one of: ${Object.keys(members).join(', ')}`);
        }
      }
      for (const req of s.required ?? []) {
        if (obj[req] === undefined || obj[req] === null) {
          problems.push(`Value null at '${join(path, req)}' failed to satisfy constraint: Member must not be null`);
        }
      }
      for (const [key, ref] of Object.entries(members)) {
        if (obj[key] === undefined || obj[key] === null) continue;
        // An empty CatalogId means the caller's catalog, as the Terraform provider assumes when it
        // does not look the account id up; the model's length minimum would refuse it.
        if (key === 'CatalogId' && obj[key] === '') continue;
        out[key] = walk(ref.shape, obj[key], join(path, key), problems);
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(v)) return (fail('Member must be a list'), v);
      checkLength(s, v.length, fail);
      return v.map((item, i) => walk(s.member!.shape, item, `${at}.${i + 1}.member`, problems));
    }
    case 'map': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return (fail('Member must be a map'), v);
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
        walk(s.key!.shape, k, `${at}.key`, problems);
        out[k] = walk(s.value!.shape, item, `${at}.${k}`, problems);
      }
      checkLength(s, Object.keys(out).length, fail);
      return out;
    }
    case 'string': {
      if (typeof v !== 'string') return (fail('Member must be a string'), v);
      checkLength(s, v.length, fail, 'length');
      if (s.enum && !s.enum.includes(v)) fail(`Member must satisfy enum value set: [${s.enum.join(', ')}]`);
      const pattern = patternOf(name, s);
      if (pattern && !pattern.test(v)) fail(`Member must satisfy regular expression pattern: ${s.pattern}`);
      return v;
    }
    case 'integer':
    case 'long':
    case 'double':
    case 'float': {
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      if (typeof n !== 'number' || Number.isNaN(n)) return (fail('Member must be a number'), v);
      if ((s.type === 'integer' || s.type === 'long') && !Number.isInteger(n)) fail('Member must be an integer');
      if (s.min !== undefined && n < s.min) fail(`Member must have value greater than or equal to ${s.min}`);
      if (s.max !== undefined && n > s.max) fail(`Member must have value less than or equal to ${s.max}`);
      return n;
    }
    case 'boolean': {
      if (v === 'true' || v === 'false') return v === 'true';
      if (typeof v !== 'boolean') fail('Member must be a boolean');
      return v;
    }
    case 'timestamp': {
      const d = toDate(v);
      if (!d) fail('Member must be a timestamp');
      return d ?? v;
    }
    case 'blob':
      return v;
    default:
      return v;
  }
}

/**
 * Format patterns of values Sluice only stores (role ARNs, GlueVersion, PythonVersion): Glue checks
 * them, Sluice does not, so suites written against other emulators with placeholder values keep
 * working (docs/glue-compatibility.md). Every other pattern of the model holds, e.g. a name with a
 * newline or a NUL is refused.
 */
const UNCHECKED_PATTERNS = new Set([
  'RoleArn',
  'IAMRoleArn',
  'OrchestrationRoleArn',
  'OrchestrationIAMRoleArn',
  'GlueVersionString',
  'PythonVersionString',
]);

const patterns = new Map<string, RegExp | undefined>();

/** The shape's pattern as a whole-value match; Java's surrogate-pair ranges need the u flag. */
function patternOf(name: string, s: Shape): RegExp | undefined {
  if (!s.pattern || UNCHECKED_PATTERNS.has(name)) return undefined;
  if (!patterns.has(name)) {
    const source = `^(?:${s.pattern})$`;
    let re: RegExp | undefined;
    try {
      re = new RegExp(source, 'u');
    } catch {
      re = new RegExp(source); // e.g. [A-Z\_]: an escape the u flag refuses
    }
    patterns.set(name, re);
  }
  return patterns.get(name);
}

function checkLength(s: { min?: number; max?: number }, n: number, fail: (c: string) => void, what = 'length') {
  if (s.min !== undefined && n < s.min) fail(`Member must have ${what} greater than or equal to ${s.min}`);
  if (s.max !== undefined && n > s.max) fail(`Member must have ${what} less than or equal to ${s.max}`);
}

const join = (path: string, key: string) => (path ? `${path}.${lowerFirst(key)}` : lowerFirst(key));

/** Epoch seconds (number or numeric string), ISO 8601 strings and Dates are all timestamps. */
export function toDate(v: unknown): Date | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v;
  if (typeof v === 'number') return new Date(v * 1000);
  if (typeof v === 'string') {
    if (/^\d+(\.\d+)?$/.test(v)) return new Date(Number(v) * 1000);
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}
