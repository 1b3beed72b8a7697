// The sample data (src/sample-data) crawled as a data engineer would expect: one table per data set,
// the types the files hold, orders partitioned by day, personal data tagged — and a later day whose
// orders carry a new column (schema drift) shows up as a new version of the orders table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleProject, type SampleProject } from '../../test/helpers/sample-data.js';
import { crawlInProcess } from '../../test/helpers/crawls.js';
import { generateSampleData } from '../sample-data/index.js';
import { queryCatalog } from '../catalog/query.js';

let p: SampleProject;
const call = (op: string, input: unknown) => p.sluice.call(op, input);
const columns = async (t: string) =>
  ((await call('GetTable', { DatabaseName: 'raw', Name: t })).Table.StorageDescriptor.Columns as any[]).map((c) => `${c.Name}:${c.Type}`);
const OPTIONS = { seed: 7, scale: 0.05, driftDay: 2 };

beforeAll(async () => {
  p = await openSampleProject({ ...OPTIONS, days: 2 });
  await call('CreateCrawler', {
    Name: 'raw',
    Role: 'r',
    DatabaseName: 'raw',
    Targets: { S3Targets: [{ Path: p.sluice.services.config.zones.raw }] },
  });
});
afterAll(async () => {
  await p?.cleanup();
});

describe('crawling the sample data', () => {
  it('makes one table per data set, with the formats and partitions of its files', async () => {
    const r = await crawlInProcess(p.sluice, 'raw');
    expect(r.state).toBe('COMPLETED');
    expect(r.unreadableCount).toBe(0);
    const tables = (await call('GetTables', { DatabaseName: 'raw' })).TableList as any[];
    const shape = (t: any) =>
      `${t.Name} ${t.Parameters.classification}/${t.Parameters.compressionType} ${t.StorageDescriptor.Location} [${t.PartitionKeys.map((k: any) => k.Name)}]`;
    expect(tables.map(shape)).toEqual([
      'customers csv/none lake/raw/customers/ []',
      'fx_rates json/none lake/raw/fx_rates/ []',
      'orders json/gzip lake/raw/orders/incoming/ [partition_0,partition_1,partition_2]',
      'products parquet/none lake/raw/products/ []',
      'reviews csv/none lake/raw/reviews/ []',
    ]);
    const orders = tables.find((t) => t.Name === 'orders');
    expect(
      ((await call('GetPartitions', { DatabaseName: 'raw', TableName: 'orders' })).Partitions as any[])
        .map((x) => x.Values.join('-'))
        .sort(),
    ).toEqual(['2024-03-04', '2024-03-05']);
    expect(orders.VersionId).toBe('0');
    expect(tables.find((t) => t.Name === 'customers').Parameters).toMatchObject({ delimiter: '\t', 'skip.header.line.count': '1' });
  });

  it('infers the types the files hold', async () => {
    const customers = await columns('customers');
    expect(customers.slice(0, 8)).toEqual([
      'id:bigint',
      'year_birth:bigint',
      'education:string',
      'marital_status:string',
      'income:bigint',
      'kidhome:bigint',
      'teenhome:bigint',
      'dt_customer:string',
    ]);
    expect(customers).toHaveLength(29);
    expect(await columns('orders')).toEqual(
      expect.arrayContaining(['customer_id:int', 'amount:double', 'items:array<struct<product_id:string,quantity:int,unit_price:double>>']),
    );
    expect(await columns('orders')).not.toContain('coupon_code:string');
    expect(await columns('products')).toEqual(expect.arrayContaining(['unit_price:decimal(10,2)', 'active:boolean', 'created_at:date']));
    expect(await columns('fx_rates')).toEqual(['ts:string', 'base:string', 'quote:string', 'rate:double']);
    expect(await columns('reviews')).toEqual(expect.arrayContaining(['rating:bigint', 'review_text:string', 'verified_purchase:boolean']));
    const email = ((await call('GetTable', { DatabaseName: 'raw', Name: 'orders' })).Table.StorageDescriptor.Columns as any[]).find(
      (c) => c.Name === 'customer_email',
    );
    expect(email.Parameters['sluice.pii']).toBe('EMAIL');
  });

  it('reads every table back through the catalog, multi-line CSV fields included', async () => {
    const reviews = p.summary.datasets.find((d) => d.name === 'reviews')!;
    const counts = await queryCatalog(
      p.sluice.services,
      'SELECT (SELECT count(*) FROM raw.reviews) AS reviews, (SELECT count(*) FROM raw.orders) AS orders, (SELECT count(*) FROM raw.products) AS products',
    );
    expect(counts.rows[0].reviews).toBe(reviews.rows);
    expect(counts.rows[0].orders).toBe(p.summary.datasets.find((d) => d.name === 'orders')!.rows);
    expect(counts.rows[0].products).toBeGreaterThan(0);
  });

  it('shows the next day’s new orders column as a new version of the orders table', async () => {
    await generateSampleData(p.sluice.services, { ...OPTIONS, days: 3, datasets: ['orders'] });
    const plan = (await call('DryRunCrawler', { Name: 'raw' })).Plan;
    const planned = plan.Tables.find((t: any) => t.Name === 'orders');
    expect(planned.Action).toBe('update');
    expect(planned.Columns).toEqual([{ Column: 'coupon_code', Change: 'added', To: 'string' }]);
    expect(planned.Partitions.NewValues).toEqual([['2024', '03', '06']]);
    await crawlInProcess(p.sluice, 'raw');
    const orders = (await call('GetTable', { DatabaseName: 'raw', Name: 'orders' })).Table;
    expect(orders.VersionId).toBe('1');
    expect(orders.StorageDescriptor.Columns.at(-1)).toEqual({ Name: 'coupon_code', Type: 'string' });
    const versions = (await call('GetTableVersions', { DatabaseName: 'raw', TableName: 'orders' })).TableVersions as any[];
    expect(versions.map((v) => v.VersionId)).toEqual(['1', '0']);
    expect(versions[1].Table.StorageDescriptor.Columns.map((c: any) => c.Name)).not.toContain('coupon_code');
    for (const other of ['customers', 'fx_rates', 'products', 'reviews']) {
      expect((await call('GetTable', { DatabaseName: 'raw', Name: other })).Table.VersionId, other).toBe('0');
    }
    const coupons = await queryCatalog(
      p.sluice.services,
      'SELECT partition_2 AS day, count(coupon_code) AS with_coupon FROM raw.orders GROUP BY 1 ORDER BY 1',
    );
    expect(coupons.rows[0]).toEqual({ day: '04', with_coupon: 0 });
    expect(coupons.rows[2].with_coupon).toBeGreaterThan(0);
  });
});
