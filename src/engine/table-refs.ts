// Which tables a SQL text names, found by DuckDB's own parser: json_serialize_sql gives the syntax
// tree of SELECT statements; for other statements the connection's getTableNames is the fallback.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TableRef } from './query-engine.js';
import { literal } from './sql-text.js';

const READING_STATEMENT =
  /^\s*(?:\(\s*)*(?:DESCRIBE|DESC|SHOW|SUMMARIZE|EXPLAIN\s+(?:ANALYZE\s+)?(?:SELECT|WITH|FROM)|PIVOT|UNPIVOT|FROM|VALUES|TABLE|INSERT\s+INTO|CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP\s+|TEMPORARY\s+)?(?:TABLE|VIEW))\b/i;

const WRITING_WORD = /\b(?:EXPORT|IMPORT|COPY|ATTACH|INSTALL|LOAD|CHECKPOINT|VACUUM)\b/i;

export async function tableRefs(connection: DuckDBConnection, sql: string): Promise<TableRef[]> {
  const reader = await connection.runAndReadAll(`SELECT json_serialize_sql(${literal(sql)}) AS tree`);
  const tree = JSON.parse(String(reader.getRowObjectsJson()[0].tree));
  if (tree.error) {
    // A syntax error is reported when the SQL runs, with DuckDB's own message.
    if (!/Only SELECT statements/i.test(tree.error_message ?? '')) return [];
    // getTableNames binds the statement, and binding EXPORT DATABASE already creates its folder, before
    // any sandbox is locked: only statements that read are asked; the rest run (and are refused) locked.
    if (!READING_STATEMENT.test(sql) || WRITING_WORD.test(sql)) return [];
    return connection.getTableNames(sql, true).map(parseQualified);
  }
  const refs = new Map<string, TableRef>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'BASE_TABLE' && typeof n.table_name === 'string') {
        const ref: TableRef = {
          catalog: (n.catalog_name as string) || undefined,
          schema: (n.schema_name as string) || undefined,
          name: n.table_name,
        };
        refs.set(JSON.stringify(ref), ref);
      }
      Object.values(n).forEach(walk);
    }
  };
  walk(tree.statements);
  return [...refs.values()];
}

/** getTableNames' form: a."b c".d AS alias, with double-quoted parts where needed. */
function parseQualified(text: string): TableRef {
  const parts: string[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([^."\s]+))\s*(\.|$|\s+AS\s)/giy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    parts.push(m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]);
    if (m[3] !== '.') break;
  }
  const name = parts.pop() ?? text;
  return { catalog: parts.length > 1 ? parts[0] : undefined, schema: parts.at(-1), name };
}
