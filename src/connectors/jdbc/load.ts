// Loading rows into a JDBC table in ONE transaction that stays open until the run commits: the
// caller gets the load back prepared (every row in, every constraint checked) and decides. Append is
// a bulk load (COPY FROM STDIN on PostgreSQL, LOAD DATA LOCAL INFILE on MySQL/MariaDB); overwrite
// deletes every row first in the same transaction (TRUNCATE on PostgreSQL, which is transactional
// there; DELETE on MySQL, whose TRUNCATE commits); upsert bulk-loads into a temporary table and
// merges by key (MERGE on PostgreSQL 15, INSERT … ON DUPLICATE KEY UPDATE on MySQL/MariaDB, which
// needs a primary or unique key on the key columns). Until commit() nobody else sees a row; a failed
// or killed load (the connection drops) leaves the table as it was.
import { invalidInput } from '../../kernel/errors.js';
import type { JdbcEndpoint } from './endpoint.js';
import { openJdbc, type JdbcClient } from './jdbc-client.js';
import { jdbcError } from './jdbc-errors.js';

export type LoadMode = 'append' | 'overwrite' | 'upsert';

export interface LoadSpec {
  /** database.schema.table (the catalog Location), schema.table or table. */
  table: string;
  /** The columns of the file, in order (matched to the table's case-insensitively). */
  columns: string[];
  mode: LoadMode;
  /** Upsert's key columns. */
  keys?: string[];
  /** A CSV file as jdbc-client.ts describes (csvDialect says how to write it). */
  file: string;
}

export interface PreparedLoad {
  rows: number;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** How the file for a load into this engine must be written (QueryEngine.exportCsv options). */
export const csvDialect = (ep: JdbcEndpoint) => (ep.url.engine === 'mysql' ? { nullString: 'NULL', quoteAll: true } : {});

function qualified(client: JdbcClient, table: string): string {
  const parts = table.split('.');
  const pg = client.endpoint.url.engine === 'postgresql';
  const local = parts.length > (pg ? 2 : 1) && parts[0] === client.endpoint.url.database ? parts.slice(1) : parts;
  return local.map((p) => client.ident(p)).join('.');
}

export async function prepareLoad(ep: JdbcEndpoint, spec: LoadSpec): Promise<PreparedLoad> {
  const client = await openJdbc(ep);
  const pg = ep.url.engine === 'postgresql';
  const target = qualified(client, spec.table);
  let open = false;
  try {
    const remote = await client.describe(`SELECT * FROM ${target}`);
    const byLower = new Map(remote.map((c) => [c.name.toLowerCase(), c.name]));
    const cols = spec.columns.map((c) => {
      const found = byLower.get(c.toLowerCase());
      if (!found) throw invalidInput(`column ${c} of the frame is not a column of ${spec.table}`);
      return found;
    });
    const keys = (spec.keys ?? []).map((k) => {
      const found = byLower.get(k.toLowerCase());
      if (!found || !cols.includes(found)) throw invalidInput(`upsert key ${k} is not a column of both the frame and ${spec.table}`);
      return found;
    });
    if (spec.mode === 'upsert' && !keys.length) throw invalidInput('an upsert needs upsertKeys');
    await client.query(pg ? 'BEGIN' : 'START TRANSACTION');
    open = true;
    if (spec.mode === 'overwrite') await client.query(pg ? `TRUNCATE ${target}` : `DELETE FROM ${target}`);
    let rows: number;
    if (spec.mode !== 'upsert') {
      rows = await client.copyIn(target, cols, spec.file);
    } else {
      const stage = client.ident(`sluice_stage_${process.pid}_${Date.now()}`);
      const id = client.ident;
      await client.query(
        pg
          ? `CREATE TEMP TABLE ${stage} (LIKE ${target} INCLUDING DEFAULTS) ON COMMIT DROP`
          : `CREATE TEMPORARY TABLE ${stage} LIKE ${target}`,
      );
      rows = await client.copyIn(stage, cols, spec.file);
      const others = cols.filter((c) => !keys.includes(c));
      if (pg) {
        const on = keys.map((k) => `t.${id(k)} = s.${id(k)}`).join(' AND ');
        const set = others.map((c) => `${id(c)} = s.${id(c)}`).join(', ');
        await client.query(
          `MERGE INTO ${target} AS t USING ${stage} AS s ON ${on}` +
            (others.length ? ` WHEN MATCHED THEN UPDATE SET ${set}` : '') +
            ` WHEN NOT MATCHED THEN INSERT (${cols.map(id).join(', ')}) VALUES (${cols.map((c) => `s.${id(c)}`).join(', ')})`,
        );
      } else {
        const set = (others.length ? others : keys).map((c) => `${id(c)} = VALUES(${id(c)})`).join(', ');
        await client.query(
          `INSERT INTO ${target} (${cols.map(id).join(', ')}) SELECT ${cols.map(id).join(', ')} FROM ${stage} ON DUPLICATE KEY UPDATE ${set}`,
        );
        await client.query(`DROP TEMPORARY TABLE ${stage}`);
      }
    }
    let done = false;
    const end = async (sql: string) => {
      if (done) return;
      done = true;
      try {
        await client.query(sql);
      } catch (e) {
        throw jdbcError(ep, e, `${sql === 'COMMIT' ? 'committing' : 'rolling back'} the load of ${spec.table}`);
      } finally {
        await client.close().catch(() => {});
      }
    };
    return { rows, commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
  } catch (e) {
    if (open) await client.query('ROLLBACK').catch(() => {});
    await client.close().catch(() => {});
    throw jdbcError(ep, e, `loading ${spec.table}`);
  }
}
