// DropFields, SelectFields, RenameField, DropNullFields. Paths name top-level columns or struct
// fields ('a.b'); a struct field is dropped or renamed by rebuilding its struct.
import { findColumn, sameColumnName } from '../../../kernel/column-names.js';
import { invalidInput } from '../../../kernel/errors.js';
import type { Frame } from '../frame.js';
import { ident, pathExpr, topOf } from '../sql.js';
import { structFields } from './struct-type.js';

const split = (path: string) => (/^`([^`]*)`$/.test(path) ? [path.slice(1, -1)] : path.split('.'));

async function requireColumns(frame: Frame, paths: string[], what: string): Promise<string[]> {
  const columns = await frame.schema();
  const names = columns.map((c) => c.name);
  // Names resolve case-insensitively, as in Glue (and DuckDB's own SQL).
  for (const p of paths)
    if (!findColumn(columns, topOf(p))) throw invalidInput(`${what}: the frame has no field ${p} (it has ${names.join(', ')})`);
  return names;
}

export async function dropFields(frame: Frame, paths: string[]): Promise<Frame> {
  await requireColumns(frame, paths, 'DropFields');
  const columns = await frame.schema();
  const top = paths.filter((p) => split(p).length === 1).map((p) => split(p)[0]);
  const keep = columns.filter((c) => !top.some((t) => sameColumnName(t, c.name)));
  if (!keep.length) throw invalidInput('DropFields would drop every field');
  const items = keep.map((c) => {
    const inner = paths.filter((p) => split(p).length === 2 && sameColumnName(split(p)[0], c.name)).map((p) => split(p)[1]);
    if (!inner.length) return ident(c.name);
    // One level of nesting: the struct is rebuilt without the dropped fields.
    const fields = structFields(c.type).filter((f) => !inner.includes(f));
    return `struct_pack(${fields.map((f) => `${ident(f)} := ${ident(c.name)}.${ident(f)}`).join(', ')}) AS ${ident(c.name)}`;
  });
  return frame.derive(`SELECT ${items.join(', ')} FROM ${frame.sqlName}`, 'frame', true);
}

export async function selectFields(frame: Frame, paths: string[]): Promise<Frame> {
  await requireColumns(frame, paths, 'SelectFields');
  if (!paths.length) throw invalidInput('SelectFields needs at least one path');
  const items = paths.map((p) => (split(p).length === 1 ? ident(split(p)[0]) : `${pathExpr(p)} AS ${ident(p)}`));
  return frame.derive(`SELECT ${items.join(', ')} FROM ${frame.sqlName}`, 'frame', true);
}

export async function renameField(frame: Frame, oldName: string, newName: string): Promise<Frame> {
  const names = await requireColumns(frame, [oldName], 'RenameField');
  if (split(oldName).length > 1) {
    // A nested field moves to the top level under its new name, as Glue does with a top-level new_name.
    return frame.derive(`SELECT *, ${pathExpr(oldName)} AS ${ident(newName)} FROM ${frame.sqlName}`, 'frame', true);
  }
  const old = findColumn(await frame.schema(), oldName)!.name;
  if (names.some((n) => sameColumnName(n, newName) && !sameColumnName(n, old)))
    throw invalidInput(`RenameField: the frame already has a field ${newName}`);
  const items = names.map((n) => (n === old ? `${ident(n)} AS ${ident(newName)}` : ident(n)));
  return frame.derive(`SELECT ${items.join(', ')} FROM ${frame.sqlName}`, 'frame', true);
}

export async function dropNullFields(frame: Frame): Promise<Frame> {
  const columns = await frame.schema();
  const counts = columns.map((c, i) => `count(${ident(c.name)}) AS c${i}`).join(', ');
  const r = await (await frame.engine()).query(`SELECT ${counts} FROM ${frame.sqlName}`);
  const keep = columns.filter((_, i) => Number(r.rows[0][`c${i}`]) > 0);
  if (keep.length === columns.length) return frame;
  if (!keep.length) throw invalidInput('DropNullFields: every field is null in every row');
  return frame.derive(`SELECT ${keep.map((c) => ident(c.name)).join(', ')} FROM ${frame.sqlName}`, 'frame', true);
}
