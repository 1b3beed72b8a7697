// Relationalize (glue-behaviour.md §5): structs are flattened into columns named with '.', and each
// array becomes its own frame <root>_<path> with columns id (the parent row's key, which replaces
// the array in the parent), index (0-based position) and <path>.val (or <path>.val.<field> for
// arrays of structs). The input is materialised once so that parent and child ids agree. One level
// of arrays is pivoted; arrays nested inside pivoted arrays stay as lists.
import type { Frame } from '../frame.js';
import { ident } from '../sql.js';
import { isList, isStruct, listElement, structMembers } from './struct-type.js';

interface Flat {
  name: string;
  expr: string;
  type: string;
}

/** Struct columns expanded into their leaves, recursively. */
function flatten(name: string, expr: string, type: string): Flat[] {
  if (!isStruct(type)) return [{ name, expr, type }];
  return structMembers(type).flatMap((m) => flatten(`${name}.${m.name}`, `${expr}.${ident(m.name)}`, m.type));
}

export async function relationalize(frame: Frame, rootName: string): Promise<Record<string, Frame>> {
  const engine = await frame.engine();
  const base = frame.session.nextName('relbase');
  await engine.query(`CREATE OR REPLACE TEMP TABLE ${ident(base)} AS SELECT row_number() OVER () AS __rid, * FROM ${frame.sqlName}`);
  const flat = (await frame.schema()).flatMap((c) => flatten(c.name, ident(c.name), c.type));
  const out: Record<string, Frame> = {};
  const parent = flat.map((f) =>
    isList(f.type) ? `CASE WHEN ${f.expr} IS NULL THEN NULL ELSE __rid END AS ${ident(f.name)}` : `${f.expr} AS ${ident(f.name)}`,
  );
  out[rootName] = await frame.derive(`SELECT ${parent.join(', ')} FROM ${ident(base)}`, 'rel');
  for (const f of flat.filter((x) => isList(x.type))) {
    const element = listElement(f.type);
    const vals = flatten(`${f.name}.val`, 'e.v', element).map((v) => `${v.expr} AS ${ident(v.name)}`);
    const child = `SELECT e.id, e.index, ${vals.join(', ')} FROM (
      SELECT __rid AS id, unnest(range(0, len(${f.expr}))) AS index, unnest(${f.expr}) AS v FROM ${ident(base)} WHERE ${f.expr} IS NOT NULL
    ) e`;
    out[`${rootName}_${f.name}`] = await frame.derive(child, 'rel');
  }
  return out;
}
