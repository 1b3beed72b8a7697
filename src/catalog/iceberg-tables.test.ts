// Iceberg tables in the Data Catalog: CreateTable with OpenTableFormatInput, commits through the
// Glue pointer, `sluice query` on the current snapshot and with time travel, and chDB (ClickHouse,
// an independent Iceberg reader) returning the same rows after appends, overwrites and schema changes.
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../test/helpers/backends.js';
import { chdbQuery, hasChdb } from '../../test/helpers/chdb.js';
import { expectGlueError } from '../../test/helpers/expect-error.js';
import type { Table } from '../kernel/glue-types.js';
import { deleteFromIcebergTable, evolveIcebergTable, writeIcebergTable } from './iceberg-tables.js';
import { queryCatalog } from './query.js';

let p: TestProject;
const call = <T = any>(op: string, input: unknown) => p.sluice.call<T>(op, input);
const q = async (sql: string, snapshot?: { snapshotId?: string; asOf?: number }) =>
  (await queryCatalog(p.sluice.services, sql, { snapshot })).rows;
const getTable = async () => (await call<{ Table: Table }>('GetTable', { DatabaseName: 'shop', Name: 'orders' })).Table;
const location = () => join(p.dir, 'lake/curated/orders');
/** The same rows through ClickHouse, which reads the table's newest metadata file itself. */
const viaChdb = (columns: string) =>
  chdbQuery(p.dir, `SELECT ${columns} FROM icebergLocal('${relative(p.dir, location())}') ORDER BY id`).map((r) => ({
    ...r,
    id: Number(r.id),
  }));

beforeAll(async () => {
  p = await openTestProject('sqlite');
  await call('CreateDatabase', { DatabaseInput: { Name: 'shop' } });
  await call('CreateTable', {
    DatabaseName: 'shop',
    TableInput: {
      Name: 'orders',
      StorageDescriptor: {
        Location: location(),
        Columns: [
          { Name: 'id', Type: 'bigint' },
          { Name: 'amount', Type: 'decimal(10,2)' },
          { Name: 'ts', Type: 'timestamp' },
        ],
      },
      PartitionKeys: [{ Name: 'country', Type: 'string' }],
    },
    OpenTableFormatInput: { IcebergInput: { MetadataOperation: 'CREATE', Version: '2' } },
  });
});
afterAll(() => p?.cleanup());

const write = (sql: string, mode: 'append' | 'overwrite' | 'overwrite-partitions' = 'append') =>
  writeIcebergTable(p.sluice.services, { database: 'shop', table: 'orders', sql, mode });
const ROWS = (from: number, n: number) =>
  `SELECT i::BIGINT AS id, (i * 1.25)::DECIMAL(10,2) AS amount, TIMESTAMP '2024-03-01 10:00:00' + to_hours(i::BIGINT) AS ts, CASE WHEN i % 2 = 0 THEN 'de' ELSE 'fr' END AS country FROM range(${from}, ${from + n}) t(i)`;

describe('an Iceberg table in the catalog', () => {
  it('is recorded as Glue records one', async () => {
    const t = await getTable();
    expect(t.Parameters).toMatchObject({ table_type: 'ICEBERG' });
    expect(t.Parameters!.metadata_location).toMatch(/^file:\/\/.*\/metadata\/00000-[0-9a-f-]+\.metadata\.json$/);
    expect(t.PartitionKeys).toEqual([]);
    expect(t.StorageDescriptor!.Columns!.map((c) => [c.Name, c.Type, c.Parameters?.['iceberg.field.id']])).toEqual([
      ['id', 'bigint', '1'],
      ['amount', 'decimal(10,2)', '2'],
      ['ts', 'timestamp', '3'],
      ['country', 'string', '4'],
    ]);
    expect(await q('SELECT count(*) AS n FROM shop.orders')).toEqual([{ n: 0 }]);
  });

  it.skipIf(!hasChdb)('reads what it wrote, and so does ClickHouse, after appends, an overwrite and an added column', async () => {
    const first = await write(ROWS(0, 4));
    const before = await getTable();
    await write(ROWS(4, 2));
    const after = await getTable();
    expect(after.Parameters!.previous_metadata_location).toBe(before.Parameters!.metadata_location);
    expect(Number(after.VersionId)).toBe(Number(before.VersionId) + 1);

    const all = await q('SELECT id, amount, ts, country FROM shop.orders ORDER BY id');
    expect(all).toHaveLength(6);
    expect(all[1]).toEqual({ id: 1, amount: 1.25, ts: '2024-03-01T11:00:00', country: 'fr' });
    const chAll = viaChdb(`id, toString(amount) AS amount, toString(ts) AS ts, country`);
    expect(chAll).toEqual(all.map((r) => ({ ...r, amount: String(r.amount), ts: String(r.ts).replace('T', ' ') + '.000000' })));

    // Dynamic partition overwrite: only country=fr is replaced.
    await write(`SELECT 100::BIGINT AS id, 'fr' AS country`, 'overwrite-partitions');
    const replaced = await q('SELECT id, country FROM shop.orders ORDER BY id');
    expect(replaced).toEqual([
      { id: 0, country: 'de' },
      { id: 2, country: 'de' },
      { id: 4, country: 'de' },
      { id: 100, country: 'fr' },
    ]);
    expect(viaChdb('id, country')).toEqual(replaced);

    await evolveIcebergTable(p.sluice.services, 'shop', 'orders', { add: 'note', type: 'string' });
    await write(`SELECT 200::BIGINT AS id, 'de' AS country, 'late' AS note`);
    const evolved = await q('SELECT id, note FROM shop.orders ORDER BY id');
    expect(evolved.map((r) => r.note)).toEqual([null, null, null, null, 'late']);
    expect(viaChdb('id, note')).toEqual(evolved);
    expect((await getTable()).StorageDescriptor!.Columns!.map((c) => c.Name)).toEqual(['id', 'amount', 'ts', 'country', 'note']);

    // Delete by filter, copy-on-write: id 2 goes from a file that keeps id 0 and 4's partition-mates.
    const del = await deleteFromIcebergTable(p.sluice.services, 'shop', 'orders', 'id IN (2, 100)');
    expect(del.deleted).toBe(2);
    const left = await q('SELECT id FROM shop.orders ORDER BY id');
    expect(left.map((r) => r.id)).toEqual([0, 4, 200]);
    expect(viaChdb('id')).toEqual(left);

    // Time travel: the first snapshot, by id (SQL and option) and by time.
    const id = String(first.snapshotId);
    expect(await q(`SELECT count(*) AS n FROM shop.orders FOR VERSION AS OF ${id}`)).toEqual([{ n: 4 }]);
    expect(await q(`SELECT count(*) AS n FROM shop.orders`, { snapshotId: id })).toEqual([{ n: 4 }]);
    const both = await q(
      `SELECT (SELECT count(*) FROM shop.orders FOR VERSION AS OF ${id}) AS old, (SELECT count(*) FROM shop.orders) AS now`,
    );
    expect(both).toEqual([{ old: 4, now: 3 }]);
    const meta = await import('../tables/iceberg/index.js').then((m) =>
      m.readMetadata(p.sluice.services.storage, before.Parameters!.metadata_location),
    );
    const at = new Date(meta['snapshot-log'][0]['timestamp-ms']).toISOString();
    expect(
      await q(`SELECT count(*) AS n FROM shop.orders FOR TIMESTAMP AS OF TIMESTAMP '${at.replace('T', ' ').replace('Z', ' UTC')}'`),
    ).toEqual([{ n: 4 }]);
    // The snapshot's own schema: the column added later is not there.
    await expectGlueError(q(`SELECT note FROM shop.orders FOR VERSION AS OF ${id}`), 'InvalidInputException', /note/);
    await expectGlueError(q(`SELECT 1 FROM shop.orders FOR VERSION AS OF 12345`), 'EntityNotFoundException', /12345/);
  });

  it('refuses an overwrite when another commit landed after it started', async () => {
    const { writeSnapshot } = await import('../tables/iceberg/index.js');
    const { gluePointer } = await import('./iceberg-tables.js');
    const services = p.sluice.services;
    const real = gluePointer(services.store, services.config.account.id, 'shop', 'orders');
    let sneaked = false;
    // A pointer that lets another writer append between reading the base and swapping.
    const racing = {
      load: real.load,
      swap: async (expected: string, next: string, metadata: never) => {
        if (!sneaked) {
          sneaked = true;
          await write(`SELECT 300::BIGINT AS id, 'de' AS country`);
        }
        return real.swap(expected, next, metadata);
      },
    };
    const engine = await services.openEngine();
    try {
      await expectGlueError(
        writeSnapshot({ storage: services.storage, engine }, racing, `SELECT 1::BIGINT AS id`, 'overwrite'),
        'ConcurrentModificationException',
        /overwrite was not applied/,
      );
    } finally {
      await engine.close();
    }
    expect((await q('SELECT max(id) AS m FROM shop.orders'))[0].m).toBe(300);
  });
});
