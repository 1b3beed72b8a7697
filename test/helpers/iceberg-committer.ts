// A process that appends to one Iceberg catalog table, one row per commit: the concurrency test
// starts two of these at once. Args: project dir, database, table, first id, commits, and
// optionally a PostgreSQL store URL. Prints {"attempts":[…]} (attempts per commit) when done.
import { openSluice } from '../../src/config/compose.js';
import { writeIcebergTable } from '../../src/catalog/iceberg-tables.js';

const [dir, database, table, first, count, pgUrl] = process.argv.slice(2);
const sluice = await openSluice({ cwd: dir, store: pgUrl ? { kind: 'postgres', url: pgUrl } : undefined });
const attempts: number[] = [];
try {
  for (let i = 0; i < Number(count); i++) {
    const id = Number(first) + i;
    const r = await writeIcebergTable(sluice.services, {
      database,
      table,
      sql: `SELECT ${id}::BIGINT AS id, 'p${first}' AS writer`,
      mode: 'append',
    });
    attempts.push(r.attempts);
  }
} finally {
  await sluice.close();
}
process.stdout.write(JSON.stringify({ attempts }));
