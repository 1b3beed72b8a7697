// The JsonPath subset of Glue's custom JSON classifiers: `$` root, `.name` / `['name']` child, `*`
// wildcard (`.*`, `[*]`) and `[n]` array index. Anything else is refused when the classifier is made.
import { invalidInput } from '../kernel/errors.js';

/** A wildcard written `[*]` (over an array's elements) has bracket set; `.*` goes over an object's values. */
export type PathStep = { kind: 'child'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard'; bracket?: true };

export function parseJsonPath(path: string): PathStep[] {
  const bad = (why: string) => invalidInput(`JsonPath '${path}' is not supported: ${why}. Use $, .name, ['name'], [n] and * (wildcard).`);
  if (!path.startsWith('$')) throw bad("it must start with '$'");
  const steps: PathStep[] = [];
  let i = 1;
  while (i < path.length) {
    if (path.startsWith('..', i)) throw bad('recursive descent (..) is not part of the subset');
    if (path[i] === '.') {
      const m = /^\.(\*|[A-Za-z_$][\w$-]*)/.exec(path.slice(i));
      if (!m) throw bad(`no name after '.' at position ${i}`);
      steps.push(m[1] === '*' ? { kind: 'wildcard' } : { kind: 'child', name: m[1] });
      i += m[0].length;
    } else if (path[i] === '[') {
      const m = /^\[(?:\*|(\d+)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/.exec(path.slice(i));
      if (!m) throw bad(`unreadable bracket expression at position ${i}`);
      if (m[1] !== undefined) steps.push({ kind: 'index', index: Number(m[1]) });
      else if (m[2] !== undefined || m[3] !== undefined) steps.push({ kind: 'child', name: (m[2] ?? m[3]).replace(/\\(.)/g, '$1') });
      else steps.push({ kind: 'wildcard', bracket: true });
      i += m[0].length;
    } else throw bad(`unexpected '${path[i]}' at position ${i}`);
  }
  return steps;
}

/** The path in DuckDB's JSONPath dialect (json_extract), for reading a table the path classified. */
export function duckdbJsonPath(steps: PathStep[]): string {
  const step = (s: PathStep) =>
    s.kind === 'child' ? `."${s.name.replace(/["\\]/g, '\\$&')}"` : s.kind === 'index' ? `[${s.index}]` : s.bracket ? '[*]' : '.*';
  return `$${steps.map(step).join('')}`;
}

/** Every value the path selects in doc. */
export function selectPath(doc: unknown, steps: PathStep[]): unknown[] {
  let current: unknown[] = [doc];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of current) {
      if (step.kind === 'wildcard') {
        if (Array.isArray(v)) next.push(...v);
        else if (v && typeof v === 'object') next.push(...Object.values(v));
      } else if (step.kind === 'index') {
        if (Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
      } else if (v && typeof v === 'object' && !Array.isArray(v) && step.name in v) {
        next.push((v as Record<string, unknown>)[step.name]);
      }
    }
    current = next;
  }
  return current;
}
