// The raw zone's tables, declared by hand as a data engineer would with CreateTable/CreatePartition.
// The demo now discovers these with the crawler (src/crawlers/crawl-zone.ts); they stay as the
// expected shapes, and the quality tests use them.
import type { TableInput } from '../kernel/glue-types.js';
import type { Sluice } from '../kernel/services.js';
import { resolveLocation } from '../config/locations.js';

const cols = (spec: string) =>
  spec.split(/\s*,\s*(?![^<]*>)/).map((c) => {
    const [Name, ...type] = c.trim().split(/\s+/);
    return { Name, Type: type.join(' ') };
  });

const CUSTOMER_COLUMNS = cols(
  'ID bigint, Year_Birth bigint, Education string, Marital_Status string, Income bigint, Kidhome bigint, Teenhome bigint, ' +
    'Dt_Customer string, Recency bigint, MntWines bigint, MntFruits bigint, MntMeatProducts bigint, MntFishProducts bigint, ' +
    'MntSweetProducts bigint, MntGoldProds bigint, NumDealsPurchases bigint, NumWebPurchases bigint, NumCatalogPurchases bigint, ' +
    'NumStorePurchases bigint, NumWebVisitsMonth bigint, AcceptedCmp3 bigint, AcceptedCmp4 bigint, AcceptedCmp5 bigint, ' +
    'AcceptedCmp1 bigint, AcceptedCmp2 bigint, Complain bigint, Z_CostContact bigint, Z_Revenue bigint, Response bigint',
);

const ORDER_COLUMNS = cols(
  'order_id string, customer_id bigint, customer_email string, order_ts string, status string, channel string, currency string, ' +
    'items array<struct<product_id:string,quantity:int,unit_price:double>>, amount double, shipping_country string, payment_method string',
);

function table(
  name: string,
  location: string,
  columns: { Name: string; Type: string }[],
  parameters: Record<string, string>,
  extra: Partial<TableInput> = {},
): TableInput {
  return {
    Name: name,
    TableType: 'EXTERNAL_TABLE',
    Parameters: parameters,
    StorageDescriptor: { Columns: columns, Location: location },
    ...extra,
  };
}

/** Creates database `raw` with customers, products and orders (partitioned by day) over the raw zone. */
export async function registerRawTables(sluice: Sluice): Promise<string[]> {
  const { root, config, storage } = sluice.services;
  const raw = resolveLocation(root, config.zones.raw);
  const at = (rel: string) => `${raw}/${rel}`;
  await sluice.call('CreateDatabase', { DatabaseInput: { Name: 'raw', Description: 'Files as they landed', LocationUri: raw } });
  await sluice.call('CreateTable', {
    DatabaseName: 'raw',
    TableInput: table('customers', at('customers'), CUSTOMER_COLUMNS, {
      classification: 'csv',
      delimiter: '\t',
      'skip.header.line.count': '1',
    }),
  });
  await sluice.call('CreateTable', {
    DatabaseName: 'raw',
    TableInput: table(
      'products',
      at('products'),
      cols('product_id string, name string, category string, brand string, unit_price decimal(10,2), created_at date'),
      { classification: 'parquet' },
    ),
  });
  const dayKeys = [
    { Name: 'partition_0', Type: 'string' },
    { Name: 'partition_1', Type: 'string' },
    { Name: 'partition_2', Type: 'string' },
  ];
  await sluice.call('CreateTable', {
    DatabaseName: 'raw',
    TableInput: table(
      'orders',
      at('orders/incoming'),
      ORDER_COLUMNS,
      { classification: 'json', compressionType: 'gzip' },
      { PartitionKeys: dayKeys },
    ),
  });
  // One partition per incoming/YYYY/MM/DD folder, as a crawler would find them.
  const { store, key } = storage.resolve(at('orders/incoming'));
  const days = new Set<string>();
  for await (const o of store.list(`${key}/`)) {
    const m = /incoming\/(\d{4})\/(\d{2})\/(\d{2})\//.exec(`${o.key}`);
    if (m) days.add(`${m[1]}/${m[2]}/${m[3]}`);
  }
  const PartitionInputList = [...days].sort().map((d) => ({
    Values: d.split('/'),
    StorageDescriptor: { Columns: ORDER_COLUMNS, Location: at(`orders/incoming/${d}`) },
  }));
  await sluice.call('BatchCreatePartition', { DatabaseName: 'raw', TableName: 'orders', PartitionInputList });
  return ['raw.customers', 'raw.products', `raw.orders (${days.size} partitions)`];
}
