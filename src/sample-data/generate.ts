// generateSampleData: writes every data set into the project's raw zone and says what it wrote and
// which defects it injected. Each data set draws from its own seeded stream (prng.ts), so the
// output is a pure function of the options.
import type { Services } from '../kernel/services.js';
import type { ObjectStore } from '../storage/object-store.js';
import { DAY_MS, isoDay } from './calendar.js';
import { CUSTOMER_COLUMNS, CUSTOMERS_BASE, customerLines, type CustomerStats } from './customers.js';
import { CUSTOMER_DEFECT_RATES, ORDER_DEFECT_RATES, PRODUCT_DEFECT_RATES, REVIEW_DEFECT_RATES } from './defects.js';
import { FxSeries } from './fx-rates.js';
import { LAYOUT, resolveOptions, type DatasetName, type SampleDataOptions } from './options.js';
import { ORDERS_PER_DAY_BASE, orderLines, planOrderFiles, type OrderStats } from './orders.js';
import { CustomerIds } from './people.js';
import { Rng } from './prng.js';
import { buildCatalogue, PRODUCT_COUNT } from './products.js';
import { writeProductsParquet } from './products-parquet.js';
import { REVIEW_COLUMNS, REVIEWS_BASE, reviewLines, type ReviewStats } from './reviews.js';
import { joinKey, writeLines, type WrittenFile } from './sink.js';

export interface DatasetSummary {
  name: DatasetName;
  /** Where the data set's files are, e.g. file:///p/lake/raw/orders/ */
  location: string;
  files: WrittenFile[];
  rows: number;
  bytes: number;
}

export interface DefectSummary {
  dataset: DatasetName;
  defect: string;
  /** The documented rate (defects.ts). */
  rate: number;
  count: number;
  /** What the rate is relative to: unique orders, customers, reviews, products. */
  outOf: number;
}

export interface SampleDataSummary {
  seed: number;
  scale: number;
  days: number;
  startDate: string;
  endDate: string;
  /** First day whose orders carry coupon_code, or null when the period ends before it. */
  driftDate: string | null;
  raw: string;
  datasets: DatasetSummary[];
  defects: DefectSummary[];
}

export async function generateSampleData(
  services: Services,
  options: SampleDataOptions = {},
  onFile?: (dataset: DatasetName, file: WrittenFile) => void,
): Promise<SampleDataSummary> {
  const o = resolveOptions(options);
  const { store, key: rawKey } = services.storage.resolve(services.config.zones.raw);
  const seed = o.seed;
  const customers = new CustomerIds(seed, Math.max(1, Math.round(CUSTOMERS_BASE * o.scale)));
  const catalogue = buildCatalogue(seed);
  const fx = new FxSeries(seed, o.start, o.days);
  const want = new Set(o.datasets);
  const datasets: DatasetSummary[] = [];
  const defects: DefectSummary[] = [];

  async function dataset(name: DatasetName, write: (key: (rel: string) => string) => Promise<WrittenFile[]>): Promise<void> {
    if (!want.has(name)) return;
    const prefix = joinKey(rawKey, LAYOUT[name].split('/')[0]) + '/';
    if (o.clean) await deleteUnder(store, prefix);
    const files = await write((rel) => joinKey(rawKey, rel));
    datasets.push({
      name,
      location: `${store.url.replace(/\/+$/, '')}/${prefix}`,
      files,
      rows: files.reduce((a, f) => a + f.rows, 0),
      bytes: files.reduce((a, f) => a + f.bytes, 0),
    });
  }
  const written = (name: DatasetName, f: WrittenFile): WrittenFile => {
    onFile?.(name, f);
    return f;
  };
  const defect = (dataset: DatasetName, stats: object, rates: Record<string, number>, outOf: number): void => {
    for (const [d, rate] of Object.entries(rates))
      defects.push({ dataset, defect: d, rate, count: (stats as Record<string, number>)[d], outOf });
  };

  await dataset('customers', async (key) => {
    const stats: CustomerStats = { missingIncome: 0, oddMaritalStatus: 0, implausibleBirthYear: 0, extremeIncome: 0 };
    const f = await writeLines(store, key(LAYOUT.customers), customerLines(seed, customers, stats), {
      header: CUSTOMER_COLUMNS.join('\t'),
    });
    defect('customers', stats, CUSTOMER_DEFECT_RATES, customers.count);
    return [written('customers', f)];
  });

  await dataset('products', async (key) => {
    defect('products', { missingBrand: catalogue.missingBrand }, PRODUCT_DEFECT_RATES, PRODUCT_COUNT);
    return [written('products', await writeProductsParquet(services, store, key(LAYOUT.products), catalogue.products))];
  });

  await dataset('fx_rates', async (key) => {
    const files: WrittenFile[] = [];
    for (let day = 0; day < o.days; day++) {
      const { name, text, rows } = fx.dayFile(day);
      const k = key(LAYOUT.fx_rates + name);
      const info = await store.write(k, text);
      files.push(written('fx_rates', { key: k, rows, bytes: info.size }));
    }
    return files;
  });

  await dataset('orders', async (key) => {
    const plan = {
      start: o.start,
      days: o.days,
      ordersPerDay: ORDERS_PER_DAY_BASE * o.scale,
      filesPerDay: o.filesPerDay,
      driftDay: o.driftDay,
    };
    const stats: OrderStats = {
      orders: 0,
      duplicate: 0,
      missingValue: 0,
      invalidEmail: 0,
      outOfRangeAmount: 0,
      dateDayFirst: 0,
      dateEpochSeconds: 0,
    };
    const ctx = { rng: new Rng(seed, 'orders'), plan, customers, catalogue, fx, stats, nextSeq: 1 };
    const files: WrittenFile[] = [];
    for (const file of planOrderFiles(seed, plan)) {
      files.push(written('orders', await writeLines(store, key(LAYOUT.orders + file.path), orderLines(ctx, file), { gzip: true })));
    }
    defect('orders', stats, ORDER_DEFECT_RATES, stats.orders);
    return files;
  });

  await dataset('reviews', async (key) => {
    const stats: ReviewStats = { reviews: 0, missingTitle: 0, multiLine: 0, quoted: 0 };
    const ctx = { count: Math.max(1, Math.round(REVIEWS_BASE * o.scale)), start: o.start, days: o.days, customers, catalogue, stats };
    const f = await writeLines(store, key(LAYOUT.reviews), reviewLines(seed, ctx), { header: REVIEW_COLUMNS.join(',') });
    defect('reviews', stats, REVIEW_DEFECT_RATES, stats.reviews);
    return [written('reviews', f)];
  });

  return {
    seed,
    scale: o.scale,
    days: o.days,
    startDate: o.startDate,
    endDate: isoDay(o.start + (o.days - 1) * DAY_MS),
    driftDate: o.driftDay < o.days ? isoDay(o.start + o.driftDay * DAY_MS) : null,
    raw: `${store.url.replace(/\/+$/, '')}/${rawKey}`,
    datasets,
    defects,
  };
}

async function deleteUnder(store: ObjectStore, prefix: string): Promise<void> {
  const keys: string[] = [];
  for await (const info of store.list(prefix)) keys.push(info.key);
  for (const k of keys) await store.delete(k);
}
