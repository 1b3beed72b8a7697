// ApplyMapping and ResolveChoice (glue-behaviour.md §5). ApplyMapping keeps only the mapped fields,
// casting with TRY_CAST: a value that does not convert becomes null, as in Glue. DuckDB has no choice
// types; a column whose values have several types arrives as JSON or text, and ResolveChoice's
// actions are applied to that.
import { findColumn } from '../../../kernel/column-names.js';
import { invalidInput } from '../../../kernel/errors.js';
import { findTable } from '../../../catalog/common.js';
import type { Frame } from '../frame.js';
import type { Mapping, ResolveChoiceOptions } from '../types.js';
import { ident, literal, pathExpr, sqlType, topOf } from '../sql.js';

export async function applyMapping(frame: Frame, mappings: Mapping[]): Promise<Frame> {
  if (!Array.isArray(mappings) || mappings.length === 0)
    throw invalidInput('ApplyMapping needs at least one (source, sourceType, target, targetType) mapping');
  const columns = await frame.schema();
  const names = columns.map((c) => c.name);
  const items = mappings.map((m) => {
    if (!Array.isArray(m) || m.length !== 4)
      throw invalidInput(`A mapping is [source, sourceType, target, targetType], not ${JSON.stringify(m)}`);
    const [source, , target, targetType] = m;
    // DuckDB resolves the path's names case-insensitively, as Glue does.
    if (!findColumn(columns, topOf(source)))
      throw invalidInput(`ApplyMapping: the frame has no field ${source} (it has ${names.join(', ')})`);
    return `TRY_CAST(${pathExpr(source)} AS ${sqlType(targetType)}) AS ${ident(target)}`;
  });
  return frame.derive(`SELECT ${items.join(', ')} FROM ${frame.sqlName}`, 'frame', true);
}

export async function resolveChoice(frame: Frame, options: ResolveChoiceOptions): Promise<Frame> {
  const columns = await frame.schema();
  if (options.choice === 'match_catalog') {
    if (!options.database || !options.table) throw invalidInput('ResolveChoice match_catalog needs database and table');
    const table = await findTable(frame.session.services.store.db, frame.session.accountId, options.database, options.table);
    if (!table) throw invalidInput(`ResolveChoice match_catalog: table ${options.database}.${options.table} not found`);
    const types = new Map(
      [...(table.StorageDescriptor?.Columns ?? []), ...(table.PartitionKeys ?? [])].map((c) => [c.Name.toLowerCase(), c.Type]),
    );
    const items = columns.map((c) => {
      const t = types.get(c.name.toLowerCase());
      return t ? `TRY_CAST(${ident(c.name)} AS ${sqlType(t)}) AS ${ident(c.name)}` : ident(c.name);
    });
    return frame.derive(`SELECT ${items.join(', ')} FROM ${frame.sqlName}`, 'frame', true);
  }
  const specs = new Map<string, string>(options.specs ?? []);
  if (options.choice) for (const c of columns) if (isChoice(c.type) && !specs.has(c.name)) specs.set(c.name, options.choice);
  if (!specs.size) throw invalidInput('ResolveChoice needs specs or a choice');
  const out: string[] = [];
  for (const c of columns) {
    const action = specs.get(c.name);
    if (!action) out.push(ident(c.name));
    else out.push(...(await resolveColumn(frame, c.name, c.type, action)));
  }
  return frame.derive(`SELECT ${out.join(', ')} FROM ${frame.sqlName}`, 'frame', true);
}

const isChoice = (type: string) => type === 'JSON' || type === 'VARCHAR';

async function resolveColumn(frame: Frame, name: string, type: string, action: string): Promise<string[]> {
  const col = ident(name);
  const m = /^(cast|project):(.+)$/.exec(action);
  if (m) return [`TRY_CAST(${col} AS ${sqlType(m[2])}) AS ${col}`];
  if (action !== 'make_cols' && action !== 'make_struct') {
    throw invalidInput(`ResolveChoice action ${action} is not one of cast:<type>, project:<type>, make_cols, make_struct, match_catalog`);
  }
  // The kinds of values present, from JSON's own typing (text columns are typed by what parses).
  const kind =
    type === 'JSON'
      ? `json_type(${col})`
      : `CASE WHEN regexp_full_match(trim(${col}), '[-+]?[0-9]+') THEN 'BIGINT' WHEN TRY_CAST(${col} AS DOUBLE) IS NOT NULL THEN 'DOUBLE' ELSE 'VARCHAR' END`;
  const r = await (await frame.engine()).query(`SELECT DISTINCT ${kind} AS k FROM ${frame.sqlName} WHERE ${col} IS NOT NULL ORDER BY k`);
  const kinds = r.rows.map((x) => String(x.k));
  const part = (k: string) => {
    const t = k === 'UBIGINT' ? 'BIGINT' : k === 'JSON' || k === 'OBJECT' || k === 'ARRAY' ? 'VARCHAR' : k;
    return { field: `${name}_${t.toLowerCase()}`, expr: `CASE WHEN ${kind} = ${literal(k)} THEN TRY_CAST(${col} AS ${t}) END` };
  };
  const parts = kinds.map(part);
  if (action === 'make_cols') return parts.map((p) => `${p.expr} AS ${ident(p.field)}`);
  return [`struct_pack(${parts.map((p) => `${ident(p.field.slice(name.length + 1))} := ${p.expr}`).join(', ')}) AS ${col}`];
}
