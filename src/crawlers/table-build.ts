// A table group as the catalog will hold it: the TableInput (StorageDescriptor, PartitionKeys and the
// parameters Glue's crawler writes) and one PartitionInput per partition folder.
import type { Column, PartitionInput, StorageDescriptor, TableInput } from '../kernel/glue-types.js';
import type { FileSchema } from './file-schema.js';
import { renderType } from './glue-type.js';
import type { TableGroup } from './grouping.js';
import { partitionLayout } from './naming.js';
import { detectPii, piiParameters } from './pii.js';
import { mergeSchemas, type Unit } from './units.js';

export interface BuildContext {
  crawlerName: string;
  crawlId: string;
  /** The include path as the crawler names it, without a trailing '/'. */
  include: string;
  /** The include path names a single file. */
  includeIsFile?: boolean;
  exclusions?: string[];
  createPartitionIndex: boolean;
  inheritFromTable: boolean;
}

export interface CrawledPartition {
  values: string[];
  input: PartitionInput;
}

export interface CrawledTable {
  name: string;
  location: string;
  input: TableInput;
  partitions: CrawledPartition[];
  /** Locations of the leaf folders (or files) the table was made from. */
  folders: string[];
}

/** Table parameters that change with the data, not the schema: they never make a new version. */
export const STAT_PARAMETERS = ['recordCount', 'averageRecordSize', 'objectCount', 'sizeKey', 'CRAWL_RUN_ID'];

export const locationOf = (ctx: BuildContext, rel: string) => (ctx.includeIsFile ? ctx.include : `${ctx.include}/${rel}`);

function stats(units: Unit[]): Record<string, string> {
  let objects = 0;
  let size = 0;
  let records = 0;
  let sampleRecords = 0;
  let sampleBytes = 0;
  for (const u of units) {
    const sampled = u.files.filter((f) => f.signature);
    const sampledSize = sampled.reduce((a, f) => a + f.size, 0);
    const sampledRecords = sampled.reduce((a, f) => a + (f.records ?? 0), 0);
    for (const f of u.files) {
      objects++;
      size += f.size;
      records += f.signature ? (f.records ?? 0) : sampledSize ? (f.size * sampledRecords) / sampledSize : 0;
    }
    sampleRecords += u.schema.records;
    sampleBytes += u.schema.sampleBytes;
  }
  return {
    recordCount: String(Math.round(records)),
    averageRecordSize: String(sampleRecords ? Math.max(1, Math.round(sampleBytes / sampleRecords)) : 0),
    objectCount: String(objects),
    sizeKey: String(size),
  };
}

function columnsOf(schema: FileSchema, pii: boolean): Column[] {
  return schema.columns.map((c) => {
    const parameters = pii ? piiParameters(detectPii(schema.values.get(c.name))) : undefined;
    return { Name: c.name, Type: renderType(c.type), ...(parameters ? { Parameters: parameters } : {}) };
  });
}

function storageDescriptor(schema: FileSchema, location: string, parameters: Record<string, string>, pii: boolean): StorageDescriptor {
  return {
    Columns: columnsOf(schema, pii),
    Location: location,
    InputFormat: schema.format.inputFormat,
    OutputFormat: schema.format.outputFormat,
    Compressed: schema.compression !== 'none',
    NumberOfBuckets: -1,
    SerdeInfo: { SerializationLibrary: schema.format.serdeLibrary, Parameters: { ...schema.format.serdeParameters } },
    BucketColumns: [],
    SortColumns: [],
    Parameters: parameters,
    StoredAsSubDirectories: false,
  };
}

function formatParameters(schema: FileSchema, ctx: BuildContext): Record<string, string> {
  const p: Record<string, string> = {
    classification: schema.format.classification,
    compressionType: schema.compression,
    typeOfData: 'file',
    ...schema.format.parameters,
  };
  if (ctx.exclusions?.length) p.exclusions = JSON.stringify(ctx.exclusions);
  return p;
}

export function buildTable(group: TableGroup, name: string, ctx: BuildContext): CrawledTable {
  const schema = mergeSchemas(group.units.map((u) => u.schema));
  const layout = partitionLayout(group);
  const location = locationOf(ctx, group.root);
  const parameters: Record<string, string> = {
    ...formatParameters(schema, ctx),
    ...stats(group.units),
    UPDATED_BY_CRAWLER: ctx.crawlerName,
    CrawlerSchemaDeserializerVersion: '1.0',
    CrawlerSchemaSerializerVersion: '1.0',
    CRAWL_RUN_ID: ctx.crawlId,
  };
  if (layout.keys.length && ctx.createPartitionIndex) parameters['partition_filtering.enabled'] = 'true';
  const sd = storageDescriptor(schema, location, parameters, true);
  const input: TableInput = {
    Name: name,
    Owner: 'owner',
    Retention: 0,
    TableType: 'EXTERNAL_TABLE',
    StorageDescriptor: sd,
    PartitionKeys: layout.keys.map((k) => ({ Name: k, Type: 'string' })),
    Parameters: parameters,
  };
  const partitions = layout.partitions.map(({ unit, values }) => {
    const partLocation = locationOf(ctx, unit.folder);
    const partParameters = { ...formatParameters(unit.schema, ctx), ...stats([unit]) };
    const own = storageDescriptor(unit.schema, partLocation, partParameters, false);
    const partSd = ctx.inheritFromTable ? { ...sd, Location: partLocation, Parameters: partParameters } : own;
    return { values, input: { Values: values, StorageDescriptor: partSd, Parameters: partParameters } };
  });
  const folders = group.units.map((u) => locationOf(ctx, u.single ?? u.folder));
  return { name, location, input, partitions, folders };
}
