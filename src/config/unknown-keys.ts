// Unknown keys in sluice.yaml are mistakes (`metdata:` silently meant "SQLite, the default"), so
// every object in the schema is strict, and the error names the key and the nearest valid one.
import type { z } from 'zod';
import { nearest } from '../kernel/nearest.js';

/** `key: unknown key (did you mean …?)` for a zod unrecognized_keys issue's key at path. */
export function unknownKeyMessage(schema: z.ZodType, path: PropertyKey[], key: string): string {
  const hint = nearest(key, [...keysAt(schema, path)]);
  return `unknown key${hint ? ` (did you mean ${hint}?)` : ''}`;
}

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; options?: z.ZodType[] } & Record<string, any>;
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The keys an object at path may have (every option's, under a union). */
function keysAt(schema: z.ZodType, path: PropertyKey[]): Set<string> {
  const out = new Set<string>();
  const visit = (s: z.ZodType, rest: PropertyKey[]) => {
    const def = defOf(s);
    switch (def.type) {
      case 'object':
        if (!rest.length) for (const k of Object.keys(def.shape!)) out.add(k);
        else if (def.shape![String(rest[0])]) visit(def.shape![String(rest[0])], rest.slice(1));
        return;
      case 'union':
        for (const o of def.options!) visit(o, rest);
        return;
      case 'array':
        if (rest.length) visit(def.element, rest.slice(1));
        return;
      case 'record':
        if (rest.length) visit(def.valueType, rest.slice(1));
        return;
      case 'pipe':
        visit(def.in, rest);
        return;
      default:
        if (def.innerType) visit(def.innerType, rest);
    }
  };
  visit(schema, path);
  return out;
}
