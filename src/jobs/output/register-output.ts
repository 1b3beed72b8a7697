// Registers a run's output table and its partitions in the catalog, inside the commit transaction.
// A missing table (and database) is created as Parquet; an existing one gains any new columns
// (never loses or retypes one, so older partitions still read). Partitions written are added;
// overwrite also drops the partitions the run did not write, as their files are gone.
import type { Transaction } from 'kysely';
import type { Column, StorageDescriptor, Table } from '../../kernel/glue-types.js';
import type { DB } from '../../store/schema.js';
import { findTable, norm } from '../../catalog/common.js';
import { saveTable, tableFromInput } from '../../catalog/tables.js';
import { partitionFromInput, partitionRow, valuesKey } from '../../catalog/partition-rows.js';
import type { PendingOutput } from '../runtime/run-session.js';
import { glueType } from './glue-column-type.js';
import { partitionOf } from './partition-folders.js';

const PARQUET_SD: StorageDescriptor = {
  InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  SerdeInfo: {
    SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
    Parameters: { 'serialization.format': '1' },
  },
  Compressed: false,
  NumberOfBuckets: -1,
  StoredAsSubDirectories: false,
};

export async function registerOutput(trx: Transaction<DB>, catalogId: string, out: PendingOutput, principal: string): Promise<void> {
  const { database, name } = out.table!;
  await ensureDatabase(trx, catalogId, database);
  const keys = out.partitionKeys;
  const columns: Column[] = out.columns.filter((c) => !keys.includes(c.name)).map((c) => ({ Name: c.name, Type: glueType(c.type) }));
  const partitionKeys: Column[] = keys.map((k) => ({ Name: k, Type: glueType(out.columns.find((c) => c.name === k)?.type ?? 'VARCHAR') }));
  const location = out.location;
  const existing = await findTable(trx, catalogId, database, name);
  let table: Table;
  if (!existing) {
    table = tableFromInput(
      {
        Name: name,
        TableType: 'EXTERNAL_TABLE',
        StorageDescriptor: { ...PARQUET_SD, Columns: columns, Location: location },
        PartitionKeys: partitionKeys,
        Parameters: { classification: 'parquet', compressionType: 'none', typeOfData: 'file', 'sluice.writtenBy': 'job' },
      },
      { database: norm(database), catalogId, createTime: new Date(), version: 0, createdBy: principal },
    );
    await saveTable(trx, catalogId, table, true);
  } else {
    table = existing;
    const known = new Set((existing.StorageDescriptor?.Columns ?? []).map((c) => c.Name.toLowerCase()));
    const added = columns.filter((c) => !known.has(c.Name.toLowerCase()));
    if (added.length) {
      const sd = { ...existing.StorageDescriptor, Columns: [...(existing.StorageDescriptor?.Columns ?? []), ...added] };
      const {
        DatabaseName: _d,
        CreateTime,
        UpdateTime: _u,
        VersionId,
        CreatedBy,
        CatalogId: _c,
        IsRegisteredWithLakeFormation: _l,
        IsMultiDialectView: _m,
        ...input
      } = existing;
      table = tableFromInput(
        { ...input, StorageDescriptor: sd },
        {
          database: existing.DatabaseName!,
          catalogId,
          createTime: CreateTime!,
          version: Number(VersionId) + 1,
          createdBy: CreatedBy ?? principal,
        },
      );
      await saveTable(trx, catalogId, table, false);
    }
  }
  if (!keys.length) return;
  await registerPartitions(trx, catalogId, table, out);
}

async function registerPartitions(trx: Transaction<DB>, catalogId: string, table: Table, out: PendingOutput): Promise<void> {
  const written = new Map<string, { folder: string; values: string[] }>();
  const base = out.location.replace(/\/+$/, '');
  for (const f of out.files) {
    const rel = f.path.replace(/\\/g, '/');
    const p = partitionOf(rel, out.partitionKeys);
    if (p) written.set(valuesKey(p.values), p);
  }
  const rowsOf = trx
    .selectFrom('catalog_partitions')
    .select('values_key')
    .where('catalog_id', '=', catalogId)
    .where('database_name', '=', table.DatabaseName!)
    .where('table_name', '=', table.Name);
  const existing = new Set((await rowsOf.execute()).map((r) => r.values_key));
  if (out.mode === 'overwrite') {
    const gone = [...existing].filter((k) => !written.has(k));
    for (let i = 0; i < gone.length; i += 500) {
      await trx
        .deleteFrom('catalog_partitions')
        .where('catalog_id', '=', catalogId)
        .where('database_name', '=', table.DatabaseName!)
        .where('table_name', '=', table.Name)
        .where('values_key', 'in', gone.slice(i, i + 500))
        .execute();
    }
  }
  const now = new Date();
  for (const [key, p] of written) {
    if (existing.has(key)) continue;
    const sd = { ...table.StorageDescriptor, Location: `${base}/${p.folder}` };
    await trx
      .insertInto('catalog_partitions')
      .values(partitionRow(catalogId, partitionFromInput({ Values: p.values, StorageDescriptor: sd }, table, catalogId, now)))
      .execute();
  }
}

async function ensureDatabase(trx: Transaction<DB>, catalogId: string, name: string): Promise<void> {
  const found = await trx
    .selectFrom('catalog_databases')
    .select('name')
    .where('catalog_id', '=', catalogId)
    .where('name', '=', norm(name))
    .executeTakeFirst();
  if (found) return;
  const now = new Date();
  const doc = {
    Name: norm(name),
    Description: 'Created by a Sluice job for its output.',
    CreateTime: now,
    CatalogId: catalogId,
    CreateTableDefaultPermissions: [{ Principal: { DataLakePrincipalIdentifier: 'IAM_ALLOWED_PRINCIPALS' }, Permissions: ['ALL'] }],
  };
  await trx
    .insertInto('catalog_databases')
    .values({ catalog_id: catalogId, name: norm(name), doc: JSON.stringify(doc), create_time: now.getTime() })
    .execute();
}
