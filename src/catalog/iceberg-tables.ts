// Iceberg tables in the Data Catalog, recorded as Glue records them: Parameters table_type=ICEBERG,
// metadata_location (the current metadata file) and previous_metadata_location, the columns of the
// current schema with their field ids. A commit swaps metadata_location with a conditional UPDATE
// on the table's version, so two writers (processes, hosts) never both win (see tables/iceberg).
import type { Kysely } from 'kysely';
import { invalidInput } from '../kernel/errors.js';
import type { Column, Table, TableInput } from '../kernel/glue-types.js';
import type { Store } from '../store/store.js';
import type { DB } from '../store/schema.js';
import type { Storage } from '../storage/storage.js';
import type { Services } from '../kernel/services.js';
import {
  createTableMetadata,
  deleteWhere,
  evolveSchema,
  writeSnapshot,
  type SchemaChange,
  type WriteMode,
  type WriteOutcome,
  glueType,
  parseTransform,
  schemaOf,
  type MetadataPointer,
  type PartitionSpec,
  type PrimitiveType,
  type Schema,
  type TableMetadata,
} from '../tables/iceberg/index.js';
import { findTable, norm } from './common.js';

export const isIceberg = (t: Table | TableInput) => t.Parameters?.table_type?.toUpperCase() === 'ICEBERG';

/** Where the table's current metadata is; InvalidInputException for an Iceberg table without one. */
export function metadataLocation(t: Table): string {
  const loc = t.Parameters?.metadata_location;
  if (!loc) throw invalidInput(`Iceberg table ${t.DatabaseName}.${t.Name} has no metadata_location parameter`);
  return loc;
}

/** The schema's columns as Glue shows them (Athena's and Spark's GlueCatalog parameters). */
export function icebergColumns(schema: Schema): Column[] {
  return schema.fields.map((f) => ({
    Name: f.name,
    Type: glueType(f.type),
    Parameters: { 'iceberg.field.id': String(f.id), 'iceberg.field.optional': String(!f.required), 'iceberg.field.current': 'true' },
  }));
}

/** The table document after a commit: new metadata location, the previous one kept, columns refreshed. */
export function committedTable(current: Table, next: string, metadata: TableMetadata): Table {
  return {
    ...current,
    Parameters: { ...current.Parameters, metadata_location: next, previous_metadata_location: current.Parameters!.metadata_location },
    StorageDescriptor: { ...current.StorageDescriptor, Columns: icebergColumns(schemaOf(metadata)) },
    VersionId: String(Number(current.VersionId) + 1),
    UpdateTime: new Date(),
  };
}

/** The catalog's pointer to a table's metadata. */
export function gluePointer(store: Store, catalogId: string, database: string, name: string): MetadataPointer {
  const [db, table] = [norm(database), norm(name)];
  const current = async (k: Kysely<DB>) => {
    const t = await findTable(k, catalogId, db, table);
    if (!t) throw invalidInput(`Table ${db}.${table} not found in the Data Catalog`);
    if (!isIceberg(t)) throw invalidInput(`Table ${db}.${table} is not an Iceberg table (Parameters.table_type)`);
    return t;
  };
  return {
    load: async () => metadataLocation(await current(store.db)),
    swap: (expected, next, metadata) =>
      store.transaction(async (trx) => {
        const t = await current(trx);
        if (t.Parameters?.metadata_location !== expected) return false;
        const updated = committedTable(t, next, metadata);
        const doc = JSON.stringify(updated);
        // Conditional on the version read: whoever updates the row first wins, the other sees 0 rows.
        const r = await trx
          .updateTable('catalog_tables')
          .set({ doc, version_id: Number(updated.VersionId), update_time: updated.UpdateTime!.getTime() })
          .where('catalog_id', '=', catalogId)
          .where('database_name', '=', db)
          .where('name', '=', table)
          .where('version_id', '=', Number(t.VersionId))
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return false;
        await trx
          .insertInto('catalog_table_versions')
          .values({ catalog_id: catalogId, database_name: db, table_name: table, version_id: Number(updated.VersionId), doc })
          .execute();
        return true;
      }),
  };
}

interface IcebergInput {
  MetadataOperation?: string;
  Version?: string;
  CreateIcebergTableInput?: {
    Location?: string;
    Schema?: {
      SchemaId?: number;
      IdentifierFieldIds?: number[];
      Fields?: { Id: number; Name: string; Type: unknown; Required?: boolean; Doc?: string }[];
    };
    PartitionSpec?: { SpecId?: number; Fields?: { SourceId: number; Transform: string; Name: string; FieldId?: number }[] };
    Properties?: Record<string, string>;
  };
}

const PRIMITIVE = /^(boolean|int|long|float|double|date|timestamp|timestamptz|string|binary|decimal\(\d+,\s*\d+\))$/;

/**
 * CreateTable with OpenTableFormatInput.IcebergInput: writes the table's first metadata file at its
 * location and returns the TableInput to record (Parameters and columns as Glue sets them).
 */
export async function createIcebergTable(storage: Storage, input: TableInput, iceberg: IcebergInput): Promise<TableInput> {
  if ((iceberg.MetadataOperation ?? 'CREATE') !== 'CREATE') throw invalidInput('IcebergInput.MetadataOperation can only be CREATE');
  if ((iceberg.Version ?? '2') !== '2') throw invalidInput(`Sluice writes Iceberg format version 2, not ${iceberg.Version}`);
  const create = iceberg.CreateIcebergTableInput;
  const location = create?.Location ?? input.StorageDescriptor?.Location;
  if (!location) throw invalidInput('An Iceberg table needs a location: StorageDescriptor.Location or CreateIcebergTableInput.Location');
  let schema: Schema | undefined;
  if (create?.Schema?.Fields) {
    schema = {
      type: 'struct',
      'schema-id': create.Schema.SchemaId ?? 0,
      fields: create.Schema.Fields.map((f) => {
        if (typeof f.Type !== 'string' || !PRIMITIVE.test(f.Type))
          throw invalidInput(`Field ${f.Name}: type ${JSON.stringify(f.Type)} is not supported yet (primitive types only)`);
        return {
          id: f.Id,
          name: f.Name,
          required: !!f.Required,
          type: f.Type.replace(/,\s*/, ', ') as PrimitiveType,
          ...(f.Doc ? { doc: f.Doc } : {}),
        };
      }),
      ...(create.Schema.IdentifierFieldIds ? { 'identifier-field-ids': create.Schema.IdentifierFieldIds } : {}),
    };
  }
  let spec: PartitionSpec | undefined;
  if (create?.PartitionSpec?.Fields) {
    spec = {
      'spec-id': create.PartitionSpec.SpecId ?? 0,
      fields: create.PartitionSpec.Fields.map((f, i) => ({
        'source-id': f.SourceId,
        'field-id': f.FieldId ?? 1000 + i,
        name: f.Name,
        transform: parseTransform(f.Transform),
      })),
    };
  }
  // Hive-style partition keys become identity partitions on columns of the same name.
  const keys = input.PartitionKeys ?? [];
  const created = await createTableMetadata(storage, {
    location,
    schema,
    spec,
    columns: [...(input.StorageDescriptor?.Columns ?? []), ...keys],
    partitionBy: keys.map((k) => ({ column: k.Name })),
    properties: create?.Properties,
  });
  return {
    ...input,
    TableType: input.TableType ?? 'EXTERNAL_TABLE',
    PartitionKeys: [],
    Parameters: { ...input.Parameters, table_type: 'ICEBERG', metadata_location: created.metadataLocation },
    StorageDescriptor: { ...input.StorageDescriptor, Location: location, Columns: icebergColumns(created.schema) },
  };
}

export interface IcebergWrite {
  catalogId?: string;
  database: string;
  table: string;
  /** DuckDB SQL giving the rows (columns by name; the table's others are written NULL). */
  sql: string;
  mode: WriteMode;
}

/** Writes a snapshot of a catalog Iceberg table with an engine of its own. */
export async function writeIcebergTable(services: Services, w: IcebergWrite): Promise<WriteOutcome> {
  const pointer = gluePointer(services.store, w.catalogId ?? services.config.account.id, w.database, w.table);
  const engine = await services.openEngine();
  try {
    return await writeSnapshot({ storage: services.storage, engine }, pointer, w.sql, w.mode);
  } finally {
    await engine.close();
  }
}

/** A schema change of a catalog Iceberg table (a metadata-only commit). */
export async function evolveIcebergTable(
  services: Services,
  database: string,
  table: string,
  change: SchemaChange,
  catalogId?: string,
): Promise<Schema> {
  return evolveSchema(services.storage, gluePointer(services.store, catalogId ?? services.config.account.id, database, table), change);
}

/** Deletes the rows of a catalog Iceberg table for which filter (DuckDB SQL) is true, copy-on-write. */
export async function deleteFromIcebergTable(services: Services, database: string, table: string, filter: string, catalogId?: string) {
  const pointer = gluePointer(services.store, catalogId ?? services.config.account.id, database, table);
  const engine = await services.openEngine();
  try {
    return await deleteWhere({ storage: services.storage, engine }, pointer, filter);
  } finally {
    await engine.close();
  }
}
